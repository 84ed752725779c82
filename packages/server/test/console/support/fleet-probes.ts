import type { Locator, Page } from "playwright-core";
import type { ConsoleServer } from "./console-server.js";

/**
 * How long an `expect.poll` waits for something that travels through the server and the event
 * stream (telemetry events are coalesced to one a second): as long as a locator's wait.
 */
export const LIVE = { timeout: 10_000 } as const;

/** The fleet table's row of one spacecraft. */
export function fleetRow(page: Page, id: string): Locator {
  return page.locator(`#fleet-rows tr[data-spacecraft="${id}"]`);
}

/** The ids of the fleet table's rows, top to bottom. */
export function fleetOrder(page: Page): Promise<string[]> {
  return page
    .locator("#fleet-rows tr")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-spacecraft") ?? ""));
}

/** Opens the fleet view from the navigation and waits for its rows. */
export async function openFleet(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Fleet" }).click();
  await page.locator("#fleet-view").waitFor();
  await page.locator("#fleet-rows tr").first().waitFor();
}

/** Registers a spacecraft through the API; throws unless it answers 201. */
export async function registerSpacecraft(
  server: ConsoleServer,
  body: Record<string, unknown>,
): Promise<void> {
  const answer = await server.api("/api/spacecraft", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (answer.status !== 201)
    throw new Error(`register answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** Posts telemetry frames (`seq` from `firstSeq`, one a value set) to the downlink endpoint. */
export async function postTelemetry(
  server: ConsoleServer,
  spacecraftId: string,
  firstSeq: number,
  values: readonly Record<string, number | string | boolean>[],
): Promise<void> {
  const now = Date.now();
  const frames = values.map((parameters, i) => ({
    spacecraftId,
    seq: firstSeq + i,
    // A second apart, ending now: the plots read the last 30 minutes.
    time: new Date(now - (values.length - 1 - i) * 1000).toISOString(),
    type: "telemetry",
    parameters,
  }));
  const answer = await server.api("/api/downlink", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(frames),
  });
  if (answer.status >= 300)
    throw new Error(`downlink answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/**
 * Starts keeping every message the page's screen-reader announcer says (a later one replaces the
 * text, so reading it once could miss one); {@link announcements} returns them.
 */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const announcer = document.getElementById("announcer");
    const said = (globalThis.uplinkAnnouncements = []);
    new MutationObserver(() => {
      if (announcer.textContent) said.push(announcer.textContent);
    }).observe(announcer, { childList: true, characterData: true, subtree: true });
  })()`);
}

/** What the announcer said since {@link recordAnnouncements}. */
export function announcements(page: Page): Promise<string[]> {
  return page.evaluate("globalThis.uplinkAnnouncements ?? []") as Promise<string[]>;
}
