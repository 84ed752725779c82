import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { saveScreenshot } from "./support/browser.js";
import type { ConsoleSuite } from "./support/console-suite.js";

const FAR_FUTURE = "2099-01-01T00:00:00Z";
const PASSWORD = "a password for the safety cases";
const EXPORT_CSV = "/api/telecommands/export?format=csv";
const EXPORT_NDJSON = "/api/telecommands/export?format=ndjson";

/** Makes a user of this role (once per suite) who signs in with {@link PASSWORD}. */
async function user(suite: ConsoleSuite, name: string, role: string): Promise<void> {
  const made = await suite.server.api("/api/users", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, role, password: PASSWORD }),
  });
  if (made.status !== 201 && made.status !== 409)
    throw new Error(`POST /api/users answered ${made.status}: ${JSON.stringify(made.body)}`);
}

/** Submits a command from a signed-in page, as its user (the session cookie), and returns it. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary wire shapes
async function submitAs(page: Page, body: Record<string, unknown>): Promise<any> {
  const answer = await page.evaluate(async (json) => {
    const response = await fetch("/api/telecommands", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: json,
    });
    return { status: response.status, body: await response.json() };
  }, JSON.stringify(body));
  if (answer.status !== 201)
    throw new Error(`submit answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The approvals panel's item of a command. */
function approvalOf(page: Page, id: string) {
  return page.locator(`#approvals li[data-id="${id}"]`);
}

/** The two-person rule, holds, queue states, comments and exports in the console (SPEC §10). */
export function safetyCases(suite: ConsoleSuite): void {
  it("shows an operator's command to an approver live, who approves it; a submitter cannot approve their own", async () => {
    await Promise.all([user(suite, "olga", "operator"), user(suite, "april", "approver")]);
    const [olga, april] = await Promise.all([
      suite.openAs("olga", PASSWORD),
      suite.openAs("april", PASSWORD),
    ]);
    await april
      .locator("#approvals [data-approvals-count]")
      .filter({ hasText: /approval/ })
      .waitFor();
    // An operator may not approve: no approvals panel.
    expect(await olga.locator("#approvals").isVisible()).toBe(false);

    // The operator asks for a second person's approval in the submit form.
    await olga.getByLabel("Command name").fill("DEPLOY_BOOM");
    await olga.getByLabel("Arguments (JSON)").fill('{"angle": 30}');
    await olga.getByLabel("Needs a second person's approval").check();
    await olga.getByRole("button", { name: "Send" }).click();
    await olga.locator("#notice").filter({ hasText: "Sent DEPLOY_BOOM to sc-1: pending_approval" }).waitFor();
    const listed = (await suite.server.api("/api/telecommands?status=pending_approval&limit=500")).body.items;
    const boom = listed.find((c: { name: string }) => c.name === "DEPLOY_BOOM");
    expect(boom).toMatchObject({ submittedBy: "olga", args: { angle: 30 } });
    const item = approvalOf(april, boom.id);
    await item.waitFor();
    expect(await item.textContent()).toContain("by olga");
    await saveScreenshot(april, "approvals-panel");
    await item.getByRole("button", { name: /^Approve DEPLOY_BOOM/ }).click();
    await item.waitFor({ state: "detached" });
    const approved = await suite.server.waitFor(boom.id, (s) => s !== "pending_approval");
    expect(["ready", "transmitted", "acknowledged", "executed", "failed"]).toContain(approved.status);
    const history = (await suite.server.api(`/api/telecommands/${boom.id}/history`)).body.items;
    expect(history.find((e: { from: string }) => e.from === "pending_approval")).toMatchObject({
      to: "ready",
      actor: "april",
    });

    // Her own command: no Approve for her; she may still reject it, with a reason.
    const own = await submitAs(april, { name: "SELF_CHECK", approval: true, notBefore: FAR_FUTURE });
    const mine = approvalOf(april, own.id);
    await mine.getByText("You submitted it").waitFor();
    expect(await mine.getByRole("button", { name: /^Approve/ }).count()).toBe(0);
    await mine.getByRole("button", { name: /^Reject SELF_CHECK/ }).click();
    await mine.getByText("Say why it is rejected.").waitFor();
    expect((await suite.server.api(`/api/telecommands/${own.id}`)).body.status).toBe("pending_approval");
    await mine.getByLabel("Reason to reject SELF_CHECK").fill("wrong pass");
    await mine.getByRole("button", { name: /^Reject SELF_CHECK/ }).click();
    await mine.waitFor({ state: "detached" });
    const rejected = (await suite.server.api(`/api/telecommands/${own.id}`)).body;
    expect(rejected.status).toBe("cancelled");
  });

  it("shows the server's 403 self_approval when the submitter's Approve is sent anyway", async () => {
    await user(suite, "april", "approver");
    const april = await suite.openAs("april", PASSWORD);
    // The page believes someone else submitted it: the server still refuses.
    await april.route("**/api/telecommands?status=pending_approval*", async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      for (const c of body.items) c.submittedBy = "someone-else";
      await route.fulfill({ response, json: body });
    });
    const own = await submitAs(april, { name: "FORCED_SELF", approval: true, notBefore: FAR_FUTURE });
    await april.reload();
    await april.locator("body[data-stream=open]").waitFor();
    await approvalOf(april, own.id)
      .getByRole("button", { name: /^Approve FORCED_SELF/ })
      .click();
    await april
      .locator("#approvals [data-approvals-error]")
      .filter({ hasText: "another approver" })
      .waitFor();
    expect((await suite.server.api(`/api/telecommands/${own.id}`)).body.status).toBe("pending_approval");
  });

  it("adds a comment to a command's timeline, seen live in a second page; a too long one is refused beside the field", async () => {
    const command = await suite.server.submit({ name: "NOTED", notBefore: FAR_FUTURE });
    const [writer, reader] = await Promise.all([suite.open(), suite.open()]);
    await Promise.all(
      [writer, reader].map((page) => page.goto(`${suite.cutter.url}/#/commands/${command.id}`)),
    );
    await Promise.all(
      [writer, reader].map((page) => page.locator("#detail .timeline li[data-to=ready]").waitFor()),
    );
    // Every entry names its actor: the submission was the admin's.
    expect(await reader.locator("#detail .timeline li[data-to=ready]").textContent()).toContain("by admin");

    const text = writer.getByLabel("Comment");
    await text.fill("x".repeat(1001));
    await writer.getByRole("button", { name: "Add comment" }).click();
    await writer.locator("#comment-text-error").filter({ hasText: "At most 1000 characters" }).waitFor();
    expect(await text.getAttribute("aria-invalid")).toBe("true");

    await text.fill("Checked with the flight director.");
    await writer.getByRole("button", { name: "Add comment" }).click();
    for (const page of [writer, reader]) {
      const comment = page.locator("#detail .timeline li[data-kind=comment]");
      await comment.waitFor();
      expect(await comment.textContent()).toMatch(/Checked with the flight director\..*by admin/);
    }
    expect(await text.inputValue()).toBe("");
    expect(await writer.locator("#comment-text-error").isVisible()).toBe(false);
    const history = (await suite.server.api(`/api/telecommands/${command.id}/history`)).body.items;
    expect(history.filter((e: { kind: string }) => e.kind === "comment")).toEqual([
      expect.objectContaining({ reason: "Checked with the flight director.", actor: "admin" }),
    ]);
    await saveScreenshot(reader, "comment-in-timeline");
  });

  it("exports the listed commands as CSV and NDJSON through links the session cookie authenticates", async () => {
    const command = await suite.server.submit({ name: "EXPORTED", notBefore: FAR_FUTURE });
    const page = await suite.open();
    const csv = page.locator("#command-export a[data-export=csv]");
    const ndjson = page.locator("#command-export a[data-export=ndjson]");
    expect(await csv.getAttribute("href")).toBe(EXPORT_CSV);
    expect(await ndjson.getAttribute("href")).toBe(EXPORT_NDJSON);

    const [download] = await Promise.all([page.waitForEvent("download"), csv.click()]);
    expect(download.suggestedFilename()).toMatch(/^telecommands-.*\.csv$/);
    // The browser's own request, with its cookie and nothing else, reads what the link downloads.
    const csvAnswer = await page.context().request.get(new URL(EXPORT_CSV, page.url()).href);
    expect(csvAnswer.status()).toBe(200);
    expect(csvAnswer.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(csvAnswer.headers()["content-disposition"]).toMatch(/^attachment/);
    expect(await csvAnswer.text()).toContain(command.id);

    const ndAnswer = await page.context().request.get(new URL(EXPORT_NDJSON, page.url()).href);
    expect(ndAnswer.headers()["content-type"]).toMatch(/^application\/x-ndjson/);
    const lines = (await ndAnswer.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line: { id: string }) => line.id)).toContain(command.id);

    // A spacecraft's view exports its commands only.
    await page.goto(`${suite.cutter.url}/#/spacecraft/sc-1`);
    const own = page.locator("#spacecraft-view a[data-export=ndjson]");
    await own.and(page.locator("[href*=spacecraftId]")).waitFor();
    expect(await own.getAttribute("href")).toBe("/api/telecommands/export?format=ndjson&spacecraftId=sc-1");
  });

  it("holds and releases a ready command from its detail, the held state shown in the detail and the table", async () => {
    const command = await suite.server.submit({ name: "HOLD_ME", notBefore: FAR_FUTURE });
    const page = await suite.open();
    await page.goto(`${suite.cutter.url}/#/commands/${command.id}`);
    const detail = page.locator("#detail");
    await detail.getByRole("button", { name: "Hold command" }).click();
    await detail.locator("[data-held]").waitFor();
    await page.locator(`#command-rows tr[data-id="${command.id}"] .badge-held`).waitFor();
    expect((await suite.server.api(`/api/telecommands/${command.id}`)).body).toMatchObject({
      status: "ready",
      held: true,
    });
    await detail.locator(".timeline li[data-kind=hold]").filter({ hasText: "by admin" }).waitFor();
    await saveScreenshot(page, "command-held");

    await detail.getByRole("button", { name: "Release command" }).click();
    await detail.getByRole("button", { name: "Hold command" }).waitFor();
    expect(await detail.locator("[data-held]").count()).toBe(0);
    expect((await suite.server.api(`/api/telecommands/${command.id}`)).body.held).toBe(false);
    await detail.locator(".timeline li[data-kind=release]").waitFor();
  });

  it("holds and opens a spacecraft's queue from its view, seen live in a second page", async () => {
    const [page, other] = await Promise.all([suite.open(), suite.open()]);
    await Promise.all([page, other].map((p) => p.goto(`${suite.cutter.url}/#/spacecraft/sc-1`)));
    const state = (p: Page) => p.locator("#sc-queue-state .queue-state");
    await Promise.all([page, other].map((p) => state(p).and(p.locator("[data-queue=open]")).waitFor()));

    await page.getByRole("button", { name: "Hold queue" }).click();
    await state(page).and(page.locator("[data-queue=held]")).waitFor();
    expect((await suite.server.api("/api/spacecraft/sc-1")).body.queue).toBe("held");
    // The other page hears it from the fleet's events.
    await state(other).and(other.locator("[data-queue=held]")).waitFor();
    expect(await page.getByRole("button", { name: "Hold queue" }).isDisabled()).toBe(true);
    await saveScreenshot(page, "queue-held");

    await page.getByRole("button", { name: "Open queue" }).click();
    await state(page).and(page.locator("[data-queue=open]")).waitFor();
    expect((await suite.server.api("/api/spacecraft/sc-1")).body.queue).toBe("open");
  });

  it("shows a viewer none of the write controls, and an operator no approver's", async () => {
    await Promise.all([user(suite, "vera", "viewer"), user(suite, "otto", "operator")]);
    const command = await suite.server.submit({ name: "LOOK_ONLY", notBefore: FAR_FUTURE });
    const waiting = await suite.server.submit({
      name: "WAITS_APPROVAL",
      approval: true,
      notBefore: FAR_FUTURE,
    });
    const [vera, otto] = await Promise.all([suite.openAs("vera", PASSWORD), suite.openAs("otto", PASSWORD)]);
    for (const page of [vera, otto]) {
      await page.goto(`${suite.cutter.url}/#/commands/${command.id}`);
      await page.locator("#detail .timeline li[data-to=ready]").waitFor();
      expect(await page.locator("#approvals").isVisible()).toBe(false);
    }
    // The viewer reads, exports, and changes nothing.
    expect(await vera.locator("#detail button", { hasText: /command$/ }).count()).toBe(0);
    expect(await vera.getByLabel("Comment").count()).toBe(0);
    expect(await vera.getByRole("link", { name: /as CSV/ }).isVisible()).toBe(true);
    // The operator holds, cancels and comments.
    expect(await otto.getByRole("button", { name: "Hold command" }).isVisible()).toBe(true);
    expect(await otto.getByRole("button", { name: "Cancel command" }).isVisible()).toBe(true);
    expect(await otto.getByLabel("Comment").isVisible()).toBe(true);
    // A command awaiting approval may still be cancelled by an operator; a viewer gets no button.
    const waitingRow = (page: Page) => page.locator(`#command-rows tr[data-id="${waiting.id}"]`);
    expect(await waitingRow(vera).getByRole("button").count()).toBe(0);
    // The detail panel lies over the table: close it first.
    await otto.locator("[data-detail-close]").click();
    await waitingRow(otto)
      .getByRole("button", { name: /^Cancel WAITS_APPROVAL/ })
      .click();
    await waitingRow(otto).and(otto.locator("[data-status=cancelled]")).waitFor();
    expect((await suite.server.api(`/api/telecommands/${waiting.id}`)).body.status).toBe("cancelled");

    for (const page of [vera, otto]) {
      await page.goto(`${suite.cutter.url}/#/spacecraft/sc-1`);
      await page.locator("#sc-queue-state .queue-state").waitFor();
      expect(await page.locator("#sc-queue-state button").count()).toBe(0);
    }
    await saveScreenshot(vera, "viewer-spacecraft");
  });
}
