import { expect, it } from "vitest";
import { saveScreenshot } from "./support/browser.js";
import { type ConsoleSuite, finalStatusOf, rowOf, rowsNamed, timelineOf } from "./support/console-suite.js";
import { focusedElement, markPage, wasReloaded } from "./support/page-probes.js";

const FAR_FUTURE = "2099-01-01T00:00";

/** Submitting, watching, cancelling; several pages at once. */
export function commandCases(suite: ConsoleSuite): void {
  it("sends a command once on a double click and shows it reach a final state live", async () => {
    const page = await suite.open();
    await markPage(page);
    await page.getByLabel("Command name").fill("SET_MODE");
    await page.getByLabel("Arguments (JSON)").fill('{"mode": "safe"}');
    await page.getByLabel("Priority").fill("5");
    await page.getByRole("button", { name: "Send" }).dblclick();

    const row = rowsNamed(page, "SET_MODE");
    await row.waitFor();
    const status = await finalStatusOf(row);
    expect(["executed", "failed"]).toContain(status);
    expect(await wasReloaded(page)).toBe(false);
    await expect.poll(() => row.count()).toBe(1);
    const { body } = await suite.server.api("/api/telecommands?limit=500");
    const stored = body.items.filter((c: { name: string }) => c.name === "SET_MODE");
    expect(stored).toHaveLength(1);
    expect(stored[0].status).toBe(status);
    expect(stored[0].args).toEqual({ mode: "safe" });
    expect(stored[0].priority).toBe(5);
    await expect.poll(() => page.locator("#notice").textContent()).toContain("Sent SET_MODE to sc-1");
    await saveScreenshot(page, "submit-final-state");
  });

  it("retries a submission whose answer was lost with the same Idempotency-Key, storing it once", async () => {
    const page = await suite.open();
    const keys: string[] = [];
    let lose = true;
    await page.route("**/api/telecommands", async (route) => {
      keys.push((await route.request().allHeaders())["idempotency-key"] ?? "");
      if (!lose) return route.continue();
      // The server stores the command, but its answer never reaches the page.
      lose = false;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await page.getByLabel("Command name").fill("LOST_ANSWER");
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator("[data-form-error]").filter({ hasText: "Sending again is safe." }).waitFor();
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator("#notice").filter({ hasText: "Sent LOST_ANSWER" }).waitFor();

    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    const { body } = await suite.server.api("/api/telecommands?limit=500");
    expect(body.items.filter((c: { name: string }) => c.name === "LOST_ANSWER")).toHaveLength(1);
    await rowsNamed(page, "LOST_ANSWER").waitFor();
    expect(await rowsNamed(page, "LOST_ANSWER").count()).toBe(1);
    await saveScreenshot(page, "lost-answer-retried");
  });

  it("shows bad input next to its field and sends nothing", async () => {
    const page = await suite.open();
    const before = (await suite.server.api("/api/stats")).body;
    await page.getByLabel("Command name").fill("9lives");
    await page.getByLabel("Arguments (JSON)").fill("[1, 2]");
    await page.getByRole("button", { name: "Send" }).click();

    const argsError = page.locator("#f-args-error");
    await argsError.waitFor();
    expect(await argsError.textContent()).toContain("Must be a JSON object");
    expect(await page.locator("#f-name-error").textContent()).toContain("Must start with a letter");
    expect(await page.getByLabel("Arguments (JSON)").getAttribute("aria-invalid")).toBe("true");
    expect((await focusedElement(page)).id).toBe("f-name");
    expect(await page.locator("[data-form-error]").textContent()).toBe(
      "Not sent: see Command name, Arguments (JSON).",
    );
    const after = (await suite.server.api("/api/stats")).body;
    expect(after.rejectedSubmissions).toBe(before.rejectedSubmissions + 1);
    expect(after.total).toBe(before.total);
    const counter = page.locator("[data-counter=rejectedSubmissions]");
    await expect.poll(() => counter.textContent()).toBe(String(after.rejectedSubmissions));
    await saveScreenshot(page, "bad-arguments");

    // Text that is not JSON at all is caught in the page: no request leaves it.
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await page.getByLabel("Command name").fill("ARGS_CHECK");
    expect(await page.locator("#f-name-error").isHidden()).toBe(true);
    await page.getByLabel("Arguments (JSON)").fill('{"mode": ');
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => argsError.textContent()).toContain("Not valid JSON");
    expect(posts).toEqual([]);
  });

  it("cancels a command held by notBefore", async () => {
    const page = await suite.open();
    await page.getByLabel("Command name").fill("HOLD_CANCEL");
    await page.getByLabel("Not before").fill(FAR_FUTURE);
    await page.getByRole("button", { name: "Send" }).click();

    const row = rowsNamed(page, "HOLD_CANCEL");
    await row.and(page.locator("[data-status=ready]")).waitFor();
    const id = (await row.getAttribute("data-id")) ?? "";
    expect((await suite.server.api(`/api/telecommands/${id}`)).body.notBefore).toBe(
      "2099-01-01T00:00:00.000Z",
    );
    await row.getByRole("button", { name: /^Cancel HOLD_CANCEL/ }).click();
    await rowOf(page, id).and(page.locator("[data-status=cancelled]")).waitFor();
    expect(await row.getByRole("button").count()).toBe(0);
    expect((await suite.server.api(`/api/telecommands/${id}`)).body.status).toBe("cancelled");

    await row.getByRole("link", { name: "HOLD_CANCEL" }).click();
    await page.locator("#detail .timeline li[data-to=cancelled]").waitFor();
    expect(await timelineOf(page)).toEqual(["ready", "cancelled"]);
    expect(await page.locator("#detail .timeline li[data-to=cancelled]").textContent()).toContain(
      "by admin (operator)",
    );
    await saveScreenshot(page, "cancel-held");
  });

  it("shows the status that won when a cancel loses the race", async () => {
    const page = await suite.open();
    const command = await suite.server.submit({
      name: "RACE_LOST",
      notBefore: new Date(Date.now() + 3000).toISOString(),
    });
    const row = rowOf(page, command.id);
    await row.and(page.locator("[data-status=ready]")).waitFor();
    // The page stops hearing about transitions, so it still offers Cancel after transmission.
    suite.cutter.cut();
    const moved = await suite.server.waitFor(command.id, (status) => status !== "ready");
    expect(await row.getAttribute("data-status")).toBe("ready");

    await row.getByRole("button", { name: /^Cancel RACE_LOST/ }).click();
    const alert = page.locator("#alert");
    await alert.filter({ hasText: "Cannot cancel RACE_LOST" }).waitFor();
    const won = /it is already (\w+)/.exec((await alert.textContent()) ?? "")?.[1];
    expect(["transmitted", "acknowledged", "executed", "failed"]).toContain(won);
    expect(["transmitted", "acknowledged", "executed", "failed"]).toContain(moved.status);
    await expect.poll(() => row.getAttribute("data-status")).not.toBe("ready");
    expect(await row.getByRole("button").count()).toBe(0);
    await saveScreenshot(page, "cancel-lost-race");
  });

  it("keeps two pages in step", async () => {
    const [a, b] = [await suite.open(), await suite.open()];
    await a.getByLabel("Command name").fill("TWO_PAGES");
    await a.getByRole("button", { name: "Send" }).click();
    const [finalA, finalB] = await Promise.all([
      finalStatusOf(rowsNamed(a, "TWO_PAGES")),
      finalStatusOf(rowsNamed(b, "TWO_PAGES")),
    ]);
    expect(finalB).toBe(finalA);

    await b.getByLabel("Command name").fill("TWO_PAGES_HELD");
    await b.getByLabel("Not before").fill(FAR_FUTURE);
    await b.getByRole("button", { name: "Send" }).click();
    const rowA = rowsNamed(a, "TWO_PAGES_HELD");
    await rowA.and(a.locator("[data-status=ready]")).waitFor();
    await rowA.getByRole("button", { name: /^Cancel/ }).click();
    await rowsNamed(b, "TWO_PAGES_HELD").and(b.locator("[data-status=cancelled]")).waitFor();
    expect(await rowsNamed(b, "TWO_PAGES_HELD").getByRole("button").count()).toBe(0);
    await saveScreenshot(a, "two-pages-a");
    await saveScreenshot(b, "two-pages-b");
  });
}
