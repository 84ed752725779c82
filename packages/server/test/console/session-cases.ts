import { expect, it } from "vitest";
import { TEST_TOKENS } from "../support/tokens.js";
import { saveScreenshot, signInThroughForm } from "./support/browser.js";
import { type ConsoleSuite, rowOf } from "./support/console-suite.js";

/** Sign-in, the signed-in user, sign-out, and what a role may not do (SPEC §10). */
export function sessionCases(suite: ConsoleSuite): void {
  it("signs out to the sign-in form, refuses a wrong password, and hides what a viewer may not do", async () => {
    const made = await suite.server.api("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "vic", role: "viewer", password: "viewer password" }),
    });
    expect(made.status).toBe(201);
    // A ready command that stays ready (not before an hour from now): it offers a cancel button.
    const held = await suite.server.submit({
      name: "HELD_FOR_VIEWER",
      notBefore: new Date(Date.now() + 3_600_000).toISOString(),
    });

    const page = await suite.open();
    await expect.poll(() => page.locator("#session").textContent()).toMatch(/Signed in as admin \(admin\)/);
    await rowOf(page, held.id)
      .getByRole("button", { name: /Cancel/ })
      .waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await page.locator("main[data-view=commands]").isVisible()).toBe(false);
    expect(await page.getByLabel("User name").isVisible()).toBe(true);

    await signInThroughForm(page, "vic", "not the password");
    await page.getByText("Wrong user name or password.").waitFor();
    expect(await page.locator("main[data-view=commands]").isVisible()).toBe(false);

    await signInThroughForm(page, "vic", "viewer password");
    await page.locator("body[data-stream=open]").waitFor();
    expect(await page.locator("#session").textContent()).toMatch(/Signed in as vic \(viewer\)/);
    await rowOf(page, held.id).waitFor();
    expect(await page.getByRole("heading", { name: "Send a telecommand" }).isVisible()).toBe(false);
    expect(
      await rowOf(page, held.id)
        .getByRole("button", { name: /Cancel/ })
        .isVisible(),
    ).toBe(false);
    await saveScreenshot(page, "signed-in-as-viewer");
    // Neither the registration form (admins) nor the inhibits form (approvers) is offered.
    await page.getByRole("link", { name: "Fleet", exact: true }).click();
    await page.locator("main[data-view=fleet]").waitFor();
    expect(await page.getByRole("heading", { name: "Register a spacecraft" }).isVisible()).toBe(false);
    await page.evaluate(`location.hash = "#/spacecraft/sc-1"`);
    await page.getByText("Nothing is inhibited.").waitFor();
    expect(await page.getByRole("button", { name: "Save inhibits" }).isVisible()).toBe(false);
    await page.evaluate(`location.hash = "#/"`);

    // Back to the admin, so that the suite's later pages are the admin's.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await saveScreenshot(page, "sign-in-form");
    await signInThroughForm(page, "admin", TEST_TOKENS.admin);
    await page.locator("body[data-stream=open]").waitFor();
    expect(await page.getByRole("heading", { name: "Send a telecommand" }).isVisible()).toBe(true);
    await page.getByRole("link", { name: "Fleet", exact: true }).click();
    await page.getByRole("heading", { name: "Register a spacecraft" }).waitFor();
    await page.evaluate(`location.hash = "#/"`);
  });
}
