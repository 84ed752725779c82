import { expect, it } from "vitest";
import { saveScreenshot } from "./support/browser.js";
import type { ConsoleSuite } from "./support/console-suite.js";
import {
  announcements,
  fleetOrder,
  fleetRow,
  LIVE,
  openFleet,
  recordAnnouncements,
  registerSpacecraft,
} from "./support/fleet-probes.js";
import {
  contrastFailures,
  focusedElement,
  markPage,
  TEXT_SELECTORS,
  wasReloaded,
} from "./support/page-probes.js";

/** The fleet view and registering a spacecraft, seen by two pages at once. */
export function fleetCases(suite: ConsoleSuite): void {
  it("registers a spacecraft from the console, with problems beside their field, and a second page sees it live", async () => {
    const [a, b] = [await suite.open(), await suite.open()];
    await openFleet(a);
    await openFleet(b);
    await markPage(b);
    await recordAnnouncements(b);
    expect(await fleetOrder(b)).toEqual(expect.arrayContaining(["sc-1", "demo-1", "demo-2"]));
    expect(await fleetRow(b, "demo-1").locator("[data-cell=mission]").textContent()).toBe("demo");
    await expect
      .poll(() => fleetRow(b, "sc-1").locator("[data-cell=countdown]").textContent(), LIVE)
      .toBe("continuous");
    await expect
      .poll(() => fleetRow(b, "demo-1").locator("[data-cell=countdown]").textContent(), LIVE)
      .toMatch(/^(LOS|AOS) in \d/);

    // The server's 400 and 409 problems, beside the field they name; nothing registered.
    await a.getByLabel("Id", { exact: true }).fill("no spaces allowed");
    await a.getByRole("button", { name: "Register", exact: true }).click();
    await a.locator("#r-id-error").filter({ hasText: "Must match" }).waitFor();
    expect(await a.getByLabel("Id", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await a.getByLabel("Id", { exact: true }).fill("sc-1");
    await a.getByRole("button", { name: "Register", exact: true }).click();
    await a.locator("#r-id-error").filter({ hasText: "already registered" }).waitFor();
    await a.getByLabel("Id", { exact: true }).fill("lunar-1");
    await a.getByLabel("Name", { exact: true }).fill("Lunar One");
    // The missions known are offered.
    expect(
      await a.locator("#mission-options option").evaluateAll((o) => o.map((e) => e.getAttribute("value"))),
    ).toContain("demo");
    await a.getByLabel("Mission", { exact: true }).fill("Lunar");
    await a.getByLabel("Contact plan").fill("every now and then");
    await a.getByRole("button", { name: "Register", exact: true }).click();
    await a.locator("#r-contacts-error").filter({ hasText: /\w/ }).waitFor();
    expect(await a.locator("#r-id-error").isHidden()).toBe(true);
    expect((await suite.server.api("/api/spacecraft/lunar-1")).status).toBe(404);
    await saveScreenshot(a, "register-problems");

    await a.getByLabel("Contact plan").fill("windows:2099-01-01T00:00:00Z/2099-01-01T01:00:00Z");
    await a.getByRole("button", { name: "Register", exact: true }).click();
    await a.locator("#notice").filter({ hasText: "Registered lunar-1" }).waitFor();
    const stored = (await suite.server.api("/api/spacecraft/lunar-1")).body;
    expect(stored).toMatchObject({
      name: "Lunar One",
      mission: "Lunar",
      contacts: "windows:2099-01-01T00:00:00Z/2099-01-01T01:00:00Z",
    });

    // The other page hears of it on the event stream, without reloading.
    const row = fleetRow(b, "lunar-1");
    await row.waitFor();
    expect(await wasReloaded(b)).toBe(false);
    await expect.poll(() => announcements(b), LIVE).toContain("Spacecraft lunar-1 registered.");
    expect(await row.getByRole("link").textContent()).toBe("Lunar One");
    expect(await row.locator("[data-cell=mission]").textContent()).toBe("Lunar");
    expect(await row.getAttribute("data-health")).toBe("unknown");
    await expect
      .poll(() => row.locator("[data-cell=countdown]").textContent(), LIVE)
      .toMatch(/^(LOS|AOS) in \d/);
    await saveScreenshot(b, "fleet-registered-live");
  });

  it("filters the fleet by mission and sorts it by column, keeping both in the address", async () => {
    await registerSpacecraft(suite.server, {
      id: "quiet-1",
      contacts: "windows:2099-01-01T00:00:00Z/2099-01-01T01:00:00Z",
    });
    const page = await suite.open();
    await openFleet(page);
    expect((await focusedElement(page)).id).toBe("fleet-heading");
    const filter = page.getByLabel("Show mission");
    await filter.selectOption("demo");
    // The page filters and sorts as the API does.
    const ids = async (query: string) =>
      (await suite.server.api(`/api/spacecraft?${query}`)).body.items.map((s: { id: string }) => s.id);
    const demo = await ids("mission=demo");
    expect(demo).toEqual(expect.arrayContaining(["demo-1", "demo-2"]));
    expect(await fleetOrder(page)).toEqual(demo);
    expect(await page.locator("[data-fleet-count]").textContent()).toMatch(
      new RegExp(`^${demo.length} of \\d+ spacecraft · mission demo$`),
    );
    expect(new URL(page.url()).hash).toBe("#/fleet?mission=demo");

    await filter.selectOption("");

    // By health: quiet-1 has sent nothing yet.
    await page.getByLabel("Show health").selectOption("unknown");
    await fleetRow(page, "quiet-1").waitFor();
    const healths = await page
      .locator("#fleet-rows tr")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-health")));
    expect(new Set(healths)).toEqual(new Set(["unknown"]));
    expect(new URL(page.url()).hash).toBe("#/fleet?health=unknown");
    await page.getByLabel("Show health").selectOption("");
    const byName = page.getByRole("button", { name: "Spacecraft" });
    await byName.click();
    const names = await page
      .locator("#fleet-rows tr a")
      .evaluateAll((links) => links.map((link) => (link.textContent ?? "").toLowerCase()));
    expect(names).toEqual([...names].sort());
    expect(await page.locator("th[data-sort=name]").getAttribute("aria-sort")).toBe("ascending");
    await byName.click();
    const descending = await page
      .locator("#fleet-rows tr a")
      .evaluateAll((links) => links.map((link) => (link.textContent ?? "").toLowerCase()));
    expect(descending).toEqual([...names].reverse());
    expect(new URL(page.url()).hash).toBe("#/fleet?sort=-name");
    expect(
      await contrastFailures(page, [...TEXT_SELECTORS, "select", "th button", ".sc-id", ".views a"]),
    ).toEqual([]);

    // The address alone restores the view.
    const other = await suite.open();
    await other.goto(`${suite.cutter.url}/#/fleet?mission=DEMO&sort=-name`);
    await other.locator("#fleet-rows tr").first().waitFor();
    expect(await fleetOrder(other)).toEqual(await ids("mission=DEMO&sort=-name"));
    await saveScreenshot(page, "fleet-sorted");
  });

  it("catches up with the fleet after the event stream drops: fleet events are not replayed", async () => {
    const far = "windows:2099-01-01T00:00:00Z/2099-01-01T01:00:00Z";
    await registerSpacecraft(suite.server, { id: "gone-soon", contacts: far });
    const page = await suite.open();
    await openFleet(page);
    await fleetRow(page, "gone-soon").waitFor();
    suite.cutter.cut();
    await page.getByRole("alert").filter({ hasText: "Live updates interrupted" }).waitFor();
    await registerSpacecraft(suite.server, { id: "while-down", contacts: far });
    expect((await suite.server.api("/api/spacecraft/gone-soon", { method: "DELETE" })).status).toBe(204);
    expect(await fleetRow(page, "while-down").count()).toBe(0);
    suite.cutter.restore();
    await page.locator("#stream-banner").waitFor({ state: "hidden" });
    await fleetRow(page, "while-down").waitFor();
    await fleetRow(page, "gone-soon").waitFor({ state: "detached" });
  });
}
