import type { Page, Request } from "playwright-core";
import { expect, it } from "vitest";
import { saveScreenshot } from "./support/browser.js";
import { type ConsoleSuite, finalStatusOf, historyOf, rowOf, timelineOf } from "./support/console-suite.js";

/** How the page asked for the event stream: its URL and the Last-Event-ID header it sent. */
interface StreamRequest {
  readonly url: string;
  readonly lastEventId: string | undefined;
}

function recordStreamRequests(page: Page): StreamRequest[] {
  const seen: StreamRequest[] = [];
  page.on("request", async (request: Request) => {
    if (!request.url().includes("/api/events")) return;
    const headers = await request.allHeaders();
    seen.push({ url: request.url(), lastEventId: headers["last-event-id"] });
  });
  return seen;
}

/**
 * Opens the detail of a command that will move on its own 3 s from now, then cuts the event
 * stream so that every one of its transitions happens while the page is not listening.
 */
async function cutWhileACommandMoves(suite: ConsoleSuite, page: Page, name: string) {
  const command = await suite.server.submit({ name, notBefore: new Date(Date.now() + 3000).toISOString() });
  const row = rowOf(page, command.id);
  await row.and(page.locator("[data-status=ready]")).waitFor();
  await row.getByRole("link", { name }).click();
  await page.locator("#detail .timeline li[data-to=ready]").waitFor();
  expect(suite.cutter.cut()).toBe(1);
  await page.getByRole("alert").filter({ hasText: "Live updates interrupted" }).waitFor();
  const final = await suite.server.waitFor(
    command.id,
    (status) => status === "executed" || status === "failed",
  );
  expect(await row.getAttribute("data-status")).toBe("ready");
  return { command, row, final };
}

/** The event stream dropping and coming back, without losing a transition. */
export function streamCases(suite: ConsoleSuite): void {
  it("shows a banner when the stream drops and resumes with Last-Event-ID without losing a transition", async () => {
    const page = await suite.open();
    const requests = recordStreamRequests(page);
    const { command, row, final } = await cutWhileACommandMoves(suite, page, "DROP_RESUME");
    expect(await timelineOf(page)).toEqual(["ready"]);
    await saveScreenshot(page, "stream-down");

    suite.cutter.restore();
    await page.locator("#stream-banner").waitFor({ state: "hidden" });
    expect(await finalStatusOf(row)).toBe(final.status);
    await expect.poll(() => timelineOf(page)).toEqual(await historyOf(suite.server, command.id));
    expect(await timelineOf(page)).toHaveLength(4);
    // EventSource resumed by itself, naming the last event the page had seen.
    expect(requests.some((r) => r.lastEventId !== undefined && Number(r.lastEventId) > 0)).toBe(true);
    await expect.poll(() => page.locator("#notice").textContent()).toBe("Live updates resumed.");
    await saveScreenshot(page, "stream-resumed");
  });

  it("reconnects with lastEventId after the server refused the stream", async () => {
    const page = await suite.open();
    const requests = recordStreamRequests(page);
    // While the route answers 503 the browser gives up on its own; the page must reconnect.
    await page.route("**/api/events**", (route) =>
      route.fulfill({ status: 503, contentType: "application/problem+json", body: '{"status":503}' }),
    );
    const { command, row, final } = await cutWhileACommandMoves(suite, page, "REFUSED_RESUME");
    const bornDuringCut = await suite.server.submit({ name: "BORN_DURING_CUT" });
    await suite.server.waitFor(bornDuringCut.id, (status) => status === "executed" || status === "failed");

    await page.unrouteAll();
    suite.cutter.restore();
    await page.locator("#stream-banner").waitFor({ state: "hidden", timeout: 15_000 });
    expect(await finalStatusOf(row)).toBe(final.status);
    await expect.poll(() => timelineOf(page)).toEqual(await historyOf(suite.server, command.id));
    await finalStatusOf(rowOf(page, bornDuringCut.id));
    expect(requests.some((r) => /[?&]lastEventId=\d+/.test(r.url))).toBe(true);
    await saveScreenshot(page, "stream-refused-resumed");
  });
}
