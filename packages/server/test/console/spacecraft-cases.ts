import { expect, it } from "vitest";
import { TEST_TOKENS } from "../support/tokens.js";
import { saveScreenshot, signInThroughForm } from "./support/browser.js";
import { type ConsoleSuite, rowOf } from "./support/console-suite.js";
import { fleetRow, LIVE, openFleet, postTelemetry, registerSpacecraft } from "./support/fleet-probes.js";
import { contrastFailures, TEXT_SELECTORS, unnamedControls } from "./support/page-probes.js";

/** Two passes far ahead: the simulated spacecraft sends nothing for it, the test owns its frames. */
const FAR_PASSES =
  "windows:2099-01-01T00:00:00Z/2099-01-01T01:00:00Z,2099-01-02T00:00:00Z/2099-01-02T00:30:00Z";

/** The spacecraft view: live values and plots, passes, queue, inhibits. */
export function spacecraftCases(suite: ConsoleSuite): void {
  it("shows a spacecraft's values live in the fleet and its view, with a plot, its passes and its queue", async () => {
    await registerSpacecraft(suite.server, {
      id: "tlm-1",
      name: "Telemetry One",
      mission: "demo",
      contacts: FAR_PASSES,
    });
    const page = await suite.open();
    await openFleet(page);
    const row = fleetRow(page, "tlm-1");
    await row.waitFor();
    expect(await row.locator("[data-parameter=BATT_V]").textContent()).toBe("—");

    await postTelemetry(suite.server, "tlm-1", 1, [
      { MODE: "NOMINAL", BATT_V: 28.5, TEMP_C: 20 },
      { MODE: "NOMINAL", BATT_V: 29.25, TEMP_C: 21 },
      { MODE: "NOMINAL", BATT_V: 30, TEMP_C: 22.5 },
    ]);
    // The fleet row follows the telemetry events, with the dictionary's units.
    await expect.poll(() => row.locator("[data-parameter=BATT_V]").textContent(), LIVE).toBe("30 V");
    expect(await row.locator("[data-parameter=MODE]").textContent()).toBe("NOMINAL");
    expect(await row.locator("[data-parameter=TEMP_C]").textContent()).toBe("22.5 °C");
    await expect.poll(() => row.getAttribute("data-health"), LIVE).toBe("nominal");

    await row.getByRole("link", { name: "Telemetry One" }).click();
    await page.locator("#spacecraft-view").waitFor();
    expect(new URL(page.url()).hash).toBe("#/spacecraft/tlm-1");
    await expect.poll(() => page.locator("#sc-heading").textContent(), LIVE).toBe("Telemetry One (tlm-1)");
    const batt = page.locator('#sc-parameters tr[data-parameter="BATT_V"]');
    await batt.locator("svg.sparkline[data-points='3']").waitFor();
    expect(await batt.locator("svg polyline").getAttribute("points")).toMatch(
      /^[\d.]+,[\d.]+( [\d.]+,[\d.]+){2}$/,
    );
    expect(await page.locator('#sc-parameters tr[data-parameter="MODE"] td').nth(3).textContent()).toBe(
      "not numeric",
    );

    // Passes: the two windows of its plan, still ahead.
    const passes = page.locator("#sc-passes li");
    await passes.nth(1).waitFor();
    expect(await passes.count()).toBe(2);
    expect(await passes.first().textContent()).toMatch(/AOS in \d+ d/);

    // A new frame in safe mode, its battery outside the dictionary's limits: the values, the plot
    // and the health move live.
    await postTelemetry(suite.server, "tlm-1", 4, [{ MODE: "SAFE", BATT_V: 34.5 }]);
    await batt.locator("svg.sparkline[data-points='4']").waitFor();
    expect(await batt.locator("td").first().textContent()).toBe("34.5 V");
    expect(await batt.locator("td.out-of-limits").count()).toBe(1);
    await page.locator("#spacecraft-view[data-health=safe]").waitFor();
    expect(await page.locator("#sc-facts [data-health]").textContent()).toBe("safe");
    // Out of safe mode, its battery still above the dictionary's limit: degraded.
    await postTelemetry(suite.server, "tlm-1", 5, [{ MODE: "NOMINAL" }]);
    await page.locator("#spacecraft-view[data-health=degraded]").waitFor();
    await expect.poll(() => fleetRow(page, "tlm-1").getAttribute("data-health"), LIVE).toBe("degraded");

    // Its queue: a command sent to it appears live (it waits for a pass), others do not.
    const queued = await suite.server.submit({ spacecraftId: "tlm-1", name: "PING" });
    const other = await suite.server.submit({ name: "NOT_TLM", notBefore: "2099-01-01T00:00:00Z" });
    const queueRow = page.locator(`#sc-queue-rows tr[data-id="${queued.id}"]`);
    await queueRow.and(page.locator("[data-status=ready]")).waitFor();
    await rowOf(page, other.id).waitFor({ state: "attached" });
    expect(await page.locator(`#sc-queue-rows tr[data-id="${other.id}"]`).count()).toBe(0);
    expect(await unnamedControls(page)).toEqual([]);
    expect(
      await contrastFailures(page, [...TEXT_SELECTORS, "dt", "dd", "legend", ".pass span", ".out-of-limits"]),
    ).toEqual([]);
    await saveScreenshot(page, "spacecraft-view");
  });

  it("edits a spacecraft's inhibits, which the server then applies", async () => {
    await registerSpacecraft(suite.server, { id: "inh-1", mission: "demo", contacts: FAR_PASSES });
    const page = await suite.open();
    await page.goto(`${suite.cutter.url}/#/spacecraft/inh-1`);
    const summary = page.locator("#sc-inhibits [data-inhibits]");
    await summary.filter({ hasText: "Nothing is inhibited." }).waitFor();

    await page.getByRole("checkbox", { name: "payload" }).check();
    await page.getByLabel("Inhibited commands").fill("FIRE_THRUSTER, SET_TX_POWER");
    await page.getByRole("button", { name: "Save inhibits" }).click();
    await summary
      .filter({ hasText: "Categories: payload. Commands: FIRE_THRUSTER, SET_TX_POWER." })
      .waitFor();
    await page.locator("#notice").filter({ hasText: "Inhibits of inh-1 saved." }).waitFor();
    const stored = (await suite.server.api("/api/spacecraft/inh-1/inhibits")).body;
    expect(stored).toMatchObject({ categories: ["payload"], commands: ["FIRE_THRUSTER", "SET_TX_POWER"] });
    const refused = await suite.server.api("/api/telecommands", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ spacecraftId: "inh-1", name: "CAPTURE_IMAGE", args: { target: "moon" } }),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("inhibited");
    // The view counts it as dropped for this spacecraft (read when the page loads).
    await page.reload();
    await page.locator("#sc-facts [data-sc-counts]").filter({ hasText: "0 / 1" }).waitFor();
    await summary.waitFor();

    // Unchecking and clearing lifts them again.
    await page.getByRole("checkbox", { name: "payload" }).uncheck();
    await page.getByLabel("Inhibited commands").fill("");
    await page.getByRole("button", { name: "Save inhibits" }).click();
    await summary.filter({ hasText: "Nothing is inhibited." }).waitFor();
    expect((await suite.server.api("/api/spacecraft/inh-1/inhibits")).body).toMatchObject({
      categories: [],
      commands: [],
    });
    await saveScreenshot(page, "inhibits");
  });

  it("offers inhibit changes to approvers and registration to admins only", async () => {
    const made = await suite.server.api("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "opal", role: "operator", password: "operator password" }),
    });
    expect(made.status).toBe(201);
    await registerSpacecraft(suite.server, { id: "role-1", mission: "demo", contacts: FAR_PASSES });
    const page = await suite.open();
    await page.goto(`${suite.cutter.url}/#/spacecraft/role-1`);
    await page.getByRole("button", { name: "Save inhibits" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await signInThroughForm(page, "opal", "operator password");
    await page.locator("body[data-stream=open]").waitFor();
    await page.locator("#sc-inhibits [data-inhibits]").filter({ hasText: "Nothing is inhibited." }).waitFor();
    expect(await page.getByRole("button", { name: "Save inhibits" }).isVisible()).toBe(false);
    expect(await page.getByText("Only approvers may change inhibits.").isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Send a command to it" }).isVisible()).toBe(true);
    await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Fleet" }).click();
    await page.locator("#fleet-rows tr").first().waitFor();
    expect(await page.getByRole("heading", { name: "Register a spacecraft" }).isVisible()).toBe(false);
    await saveScreenshot(page, "fleet-as-operator");

    // Back to the admin, so that the suite's later pages are the admin's.
    await page.getByRole("button", { name: "Sign out" }).click();
    await signInThroughForm(page, "admin", TEST_TOKENS.admin);
    await page.locator("body[data-stream=open]").waitFor();
    // The view is shown once the first page of commands is read, later with a long list.
    await page.getByRole("heading", { name: "Register a spacecraft" }).waitFor();
  });
}
