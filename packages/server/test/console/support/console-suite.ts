import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe } from "vitest";
import { browserTestsEnabled, type ConsoleBrowser, launchBrowser } from "./browser.js";
import { type ConsoleServer, startConsoleServer } from "./console-server.js";
import { type StreamCutter, startStreamCutter } from "./stream-cutter.js";

/** What a console suite's tests get: one server, one proxy in front of it, one browser. */
export interface ConsoleSuite {
  readonly server: ConsoleServer;
  readonly cutter: StreamCutter;
  /** Opens the console (through the proxy) in a new page, closed after the test. */
  open(): Promise<Page>;
  /** Opens the console as another user, in a browser context of its own, closed after the test. */
  openAs(name: string, password: string): Promise<Page>;
}

/**
 * Declares a suite of browser tests against a real Uplink, or skips it with a visible line when
 * Chromium is missing outside CI.
 */
export function describeConsole(name: string, body: (suite: ConsoleSuite) => void): void {
  describe.runIf(browserTestsEnabled())(name, () => {
    let server: ConsoleServer | undefined;
    let cutter: StreamCutter | undefined;
    let browser: ConsoleBrowser | undefined;
    const pages: Page[] = [];

    beforeAll(async () => {
      [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
      cutter = await startStreamCutter(server.url);
    }, 120_000);

    afterEach(async () => {
      cutter?.restore();
      await Promise.all(pages.splice(0).map((page) => page.close()));
    });

    afterAll(async () => {
      await browser?.close();
      await cutter?.close();
      await server?.stop();
    }, 30_000);

    body({
      get server() {
        if (!server) throw new Error("the server did not start");
        return server;
      },
      get cutter() {
        if (!cutter) throw new Error("the proxy did not start");
        return cutter;
      },
      async open() {
        if (!browser || !cutter) throw new Error("the browser did not start");
        const page = await browser.openConsole(cutter.url);
        pages.push(page);
        return page;
      },
      async openAs(name, password) {
        if (!browser || !cutter) throw new Error("the browser did not start");
        const page = await browser.openConsoleAs(cutter.url, name, password);
        pages.push(page);
        return page;
      },
    });
  });
}

/** The table row of a command, by id. */
export function rowOf(page: Page, id: string): Locator {
  return page.locator(`#command-rows tr[data-id="${id}"]`);
}

/** The table rows of commands with this exact name. */
export function rowsNamed(page: Page, name: string): Locator {
  return page.locator("#command-rows tr").filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Waits until a row shows a final status; returns it. */
export async function finalStatusOf(row: Locator): Promise<string> {
  await row.and(row.page().locator("[data-status=executed], [data-status=failed]")).waitFor();
  return (await row.getAttribute("data-status")) ?? "";
}

/** The statuses the detail panel's timeline lists, oldest first (applied transitions only). */
export function timelineOf(page: Page): Promise<string[]> {
  return page
    .locator("#detail .timeline li[data-to]:not(.ignored)")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-to") ?? ""));
}

/** The statuses of a command's stored history, oldest first (applied transitions only). */
export async function historyOf(server: ConsoleServer, id: string): Promise<string[]> {
  const { body } = await server.api(`/api/telecommands/${id}/history`);
  return body.items
    .filter((e: { ignored: boolean; kind: string }) => !e.ignored && e.kind === "transition")
    .map((e: { to: string }) => e.to);
}
