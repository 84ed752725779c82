import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { saveScreenshot } from "./support/browser.js";
import type { ConsoleSuite } from "./support/console-suite.js";
import { LIVE } from "./support/fleet-probes.js";
import { contrastFailures, focusedElement } from "./support/page-probes.js";

/** Records the submissions the page sends. */
function recordSubmissions(page: Page): string[] {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/api/telecommands"))
      posts.push(request.postData() ?? "");
  });
  return posts;
}

/** The submit form built from a mission's dictionary. */
export function dictionaryCases(suite: ConsoleSuite): void {
  it("offers the dictionary's commands with typed fields and refuses a bad value before sending it", async () => {
    const page = await suite.open();
    const posts = recordSubmissions(page);
    // From the spacecraft's view, its link sets the form to it.
    await page.goto(`${suite.cutter.url}/#/spacecraft/demo-1`);
    await page.getByRole("link", { name: "Send a command to it" }).click();
    await page.locator("#commands-view").waitFor();
    expect(await page.getByLabel("Spacecraft", { exact: true }).inputValue()).toBe("demo-1");
    await expect.poll(async () => (await focusedElement(page)).id, LIVE).toBe("f-search");
    const command = page.locator("#submit-form").getByLabel("Command", { exact: true });
    await command.waitFor();
    expect(await page.getByLabel("Command name").isHidden()).toBe(true);
    expect(await page.locator("#f-spacecraft-hint").textContent()).toContain("mission demo");

    // Search by category, then by name.
    await page.getByLabel("Search commands").fill("thermal");
    expect(await command.locator("option").allTextContents()).toEqual(["SET_HEATER"]);
    await page.getByLabel("Search commands").fill("mode");
    expect(await command.locator("option").allTextContents()).toEqual(["SET_MODE"]);
    await page.getByLabel("Search commands").fill("");
    expect(
      await command.locator("optgroup").evaluateAll((groups) => groups.map((g) => g.getAttribute("label"))),
    ).toEqual(["comms", "payload", "platform", "power", "propulsion", "thermal"]);
    expect(await command.locator("option", { hasText: "FIRE_THRUSTER (hazardous)" }).count()).toBe(1);

    await command.selectOption("FIRE_THRUSTER");
    expect(await page.locator("#f-command-hint").textContent()).toContain("hazardous: waits for an approver");
    await command.selectOption("SET_HEATER");
    const heater = page.getByLabel("heater", { exact: true });
    const setpoint = page.getByLabel("setpoint (°C)");
    expect(await heater.getAttribute("type")).toBe("number");
    expect(await page.locator(`#${await heater.getAttribute("id")}-hint`).textContent()).toBe(
      "Whole number from 1 to 4.",
    );
    expect(await page.locator(`#${await setpoint.getAttribute("id")}-hint`).textContent()).toBe(
      "Number from -20 to 40 °C; default 20 °C.",
    );
    expect(await page.getByLabel("on", { exact: true }).locator("option").allTextContents()).toEqual([
      "Choose…",
      "true",
      "false",
    ]);

    // Out of range, and a required choice left out: both shown beside their fields, nothing sent.
    await heater.fill("9");
    await page.getByRole("button", { name: "Send" }).click();
    const heaterError = page.locator(`#${await heater.getAttribute("id")}-error`);
    await heaterError.filter({ hasText: "Must be at most 4." }).waitFor();
    const onError = page.locator(`#${await page.getByLabel("on", { exact: true }).getAttribute("id")}-error`);
    expect(await onError.textContent()).toBe("Is required.");
    expect(await heater.getAttribute("aria-invalid")).toBe("true");
    await saveScreenshot(page, "dictionary-field-errors");
    expect(posts).toEqual([]);

    // Fixed: sent with the server filling the default in.
    await heater.fill("2");
    await page.getByLabel("on", { exact: true }).selectOption("true");
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator("#notice").filter({ hasText: "Sent SET_HEATER to demo-1" }).waitFor();
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0] ?? "{}")).toMatchObject({
      name: "SET_HEATER",
      spacecraftId: "demo-1",
      args: { heater: 2, on: true },
    });
    const { body } = await suite.server.api("/api/telecommands?spacecraftId=demo-1&limit=5");
    const stored = body.items.find((c: { name: string }) => c.name === "SET_HEATER");
    expect(stored).toMatchObject({ args: { heater: 2, on: true, setpoint: 20 }, category: "thermal" });
    expect(await heaterError.isHidden()).toBe(true);
    await saveScreenshot(page, "dictionary-sent");

    // A hazardous command waits for an approver, and its row says so.
    await command.selectOption("FIRE_THRUSTER");
    await page.getByLabel("duration (s)").fill("1.5");
    await page.getByRole("button", { name: "Send" }).click();
    await page
      .locator("#notice")
      .filter({ hasText: "Sent FIRE_THRUSTER to demo-1: pending_approval." })
      .waitFor();
    const hazardous = page
      .locator("#command-rows tr")
      .filter({ has: page.getByRole("link", { name: "FIRE_THRUSTER", exact: true }) });
    await hazardous.locator(".badge-pending_approval").waitFor();
    expect(await contrastFailures(page, [".badge"])).toEqual([]);

    // A time argument is entered in UTC and sent as RFC 3339.
    await command.selectOption("SYNC_TIME");
    await page.getByLabel("time", { exact: true }).fill("2030-01-02T03:04:05");
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator("#notice").filter({ hasText: "Sent SYNC_TIME to demo-1" }).waitFor();
    expect(JSON.parse(posts[2] ?? "{}").args).toEqual({ time: "2030-01-02T03:04:05.000Z" });
  });

  it("shows the server's argument error beside its field, and goes back to free fields without a dictionary", async () => {
    // The page read the dictionary before the server's copy narrowed a range: only the server knows.
    await suite.server.api("/api/missions/narrow/dictionary", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        commands: [
          {
            name: "SET_GAIN",
            category: "comms",
            args: { gain: { type: "integer", min: 0, max: 10, unit: "dB" } },
          },
        ],
      }),
    });
    await suite.server.api("/api/spacecraft", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        id: "narrow-1",
        mission: "narrow",
        contacts: "windows:2099-01-01T00:00:00Z/2099-01-01T01:00:00Z",
      }),
    });
    const page = await suite.open();
    await page.getByLabel("Spacecraft", { exact: true }).fill("narrow-1");
    const gain = page.getByLabel("gain (dB)");
    await gain.waitFor();
    await suite.server.api("/api/missions/narrow/dictionary", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        commands: [
          {
            name: "SET_GAIN",
            category: "comms",
            args: { gain: { type: "integer", min: 0, max: 5, unit: "dB" } },
          },
        ],
      }),
    });
    const droppedBefore: number = (await suite.server.api("/api/stats")).body.dropped;
    await gain.fill("8");
    await page.getByRole("button", { name: "Send" }).click();
    await page
      .locator(`#${await gain.getAttribute("id")}-error`)
      .filter({ hasText: "Must be at most 5" })
      .waitFor();
    expect(await page.locator("[data-form-error]").textContent()).toBe("Not sent: see gain (dB).");
    expect((await suite.server.api("/api/telecommands?spacecraftId=narrow-1")).body.items).toEqual([]);
    // A submission the dictionary refused counts as dropped, and the counts say so (other
    // commands of the suite may be dropped meanwhile: at least one more).
    const droppedNow = (await suite.server.api("/api/stats")).body.dropped;
    expect(droppedNow).toBeGreaterThan(droppedBefore);
    await expect
      .poll(async () => Number(await page.locator("[data-counter=dropped]").textContent()), LIVE)
      .toBeGreaterThan(droppedBefore);

    await page.getByLabel("Spacecraft", { exact: true }).fill("sc-1");
    await page.getByLabel("Command name").waitFor();
    expect(await page.locator("#submit-form").getByLabel("Command", { exact: true }).isHidden()).toBe(true);
    await saveScreenshot(page, "dictionary-server-error");
  });
}
