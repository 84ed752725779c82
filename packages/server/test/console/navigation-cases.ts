import { expect, it } from "vitest";
import { saveScreenshot } from "./support/browser.js";
import { type ConsoleSuite, rowOf, rowsNamed } from "./support/console-suite.js";
import { contrastFailures, focusedElement, unnamedControls } from "./support/page-probes.js";

const FORM_LABELS = ["Command name", "Arguments (JSON)", "Priority", "Spacecraft", "Not before", "Not after"];

/** Keyboard use, labels, contrast; and paging through many commands. */
export function navigationCases(suite: ConsoleSuite): void {
  it("works from the keyboard, labels every control and keeps contrast readable", async () => {
    const page = await suite.open();
    for (const label of FORM_LABELS) expect(await page.getByLabel(label, { exact: true }).count()).toBe(1);
    const unnamed = await unnamedControls(page);
    expect(unnamed).toEqual([]);

    await page.keyboard.press("Tab");
    expect(await focusedElement(page)).toMatchObject({ text: "Skip to commands", outline: "solid" });
    await page.keyboard.press("Enter");
    expect((await focusedElement(page)).id).toBe("commands-heading");

    await page.getByLabel("Command name").focus();
    await page.keyboard.type("KEYBOARD_ONLY");
    await page.keyboard.press("Enter");
    const row = rowsNamed(page, "KEYBOARD_ONLY");
    await row.waitFor();
    await row.getByRole("link").focus();
    expect((await focusedElement(page)).outline).toBe("solid");
    await page.keyboard.press("Enter");
    await page.locator("#detail").waitFor();
    expect((await focusedElement(page)).id).toBe("detail-heading");
    await page.keyboard.press("Escape");
    await page.locator("#detail").waitFor({ state: "hidden" });
    expect(await focusedElement(page)).toMatchObject({ text: "KEYBOARD_ONLY", outline: "solid" });

    await page.getByLabel("Arguments (JSON)").fill("[]");
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator("#f-args-error").waitFor();
    expect(await contrastFailures(page)).toEqual([]);
    await saveScreenshot(page, "keyboard-and-contrast");
  });

  it("pages through many commands with the cursor, newest first, and adds new ones on top", async () => {
    const held = { notBefore: "2099-01-01T00:00:00Z" };
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          suite.server.submit({ name: `BULK_${batch * 20 + i}`, ...held }),
        ),
      );
    }
    const total = (await suite.server.api("/api/stats")).body.total;
    expect(total).toBeGreaterThan(120);

    const page = await suite.open();
    const rows = page.locator("#command-rows tr");
    expect(await rows.count()).toBe(100);
    expect(await page.locator("#command-count").textContent()).toBe("Showing 100 of 100+ commands");
    const more = page.getByRole("button", { name: "Show older commands" });
    while (await more.isVisible()) {
      const shown = await rows.count();
      await more.click();
      await expect.poll(() => rows.count()).toBeGreaterThan(shown);
    }
    expect(await rows.count()).toBe(total);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-id") ?? ""));
    expect(new Set(ids).size).toBe(total);
    // UUIDv7 ids grow with creation time: newest first means descending ids.
    expect(ids).toEqual([...ids].sort().reverse());

    const latest = await suite.server.submit({ name: "NEWEST_ON_TOP", ...held });
    await rowOf(page, latest.id).waitFor();
    expect(await rows.first().getAttribute("data-id")).toBe(latest.id);
    expect(await rows.count()).toBe(total + 1);
    await saveScreenshot(page, "paging");
  });
}
