import { type ContactPlan, type ContactWindow, type Instant, isInContact } from "@uplink/core";
import { formatInstant, toWireContactWindow } from "../wire/telecommand-wire.js";
import type { ContactsWire } from "../wire/wire-schemas.js";

/**
 * The current window (if any) and the next ones of a spacecraft, at most `count`, walking the
 * plan window by window from `now`. An unbounded window (the `always` plan) ends the walk.
 */
export function nextWindows(
  plan: ContactPlan,
  spacecraftId: string,
  now: Instant,
  count: number,
): ContactWindow[] {
  const windows: ContactWindow[] = [];
  let at = now;
  while (windows.length < count) {
    const window = plan.windowAt(spacecraftId, at);
    // A plan that does not move forward would loop for ever; an unbounded end has no successor.
    if (
      !window ||
      window.end <= at ||
      !Number.isSafeInteger(window.end) ||
      window.end >= Number.MAX_SAFE_INTEGER
    ) {
      if (window && window.end > at) windows.push(window);
      break;
    }
    windows.push(window);
    at = window.end;
  }
  return windows;
}

/**
 * `/api/contacts`: for each spacecraft, whether it is in contact now and its next windows.
 *
 * @example
 * ctx.body = upcomingContacts(plan, ["sc-1"], clock.now(), 5);
 */
export function upcomingContacts(
  plan: ContactPlan,
  spacecraftIds: readonly string[],
  now: Instant,
  count: number,
): ContactsWire {
  return {
    now: formatInstant(now) ?? new Date(0).toISOString(),
    items: [...new Set(spacecraftIds)].sort().map((spacecraftId) => ({
      spacecraftId,
      inContact: isInContact(plan, spacecraftId, now),
      windows: nextWindows(plan, spacecraftId, now, count).map(toWireContactWindow),
    })),
  };
}
