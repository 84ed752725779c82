import type { ContactPlan } from "../ports/contact-plan.js";
import type { ContactWindow, Instant } from "../types.js";

/** The start of the one window of {@link AlwaysContactPlan}: the smallest safe integer, standing for −∞. */
export const ALWAYS_WINDOW_START: Instant = Number.MIN_SAFE_INTEGER;
/** The end of the one window of {@link AlwaysContactPlan}: the largest safe integer, standing for +∞. */
export const ALWAYS_WINDOW_END: Instant = Number.MAX_SAFE_INTEGER;

/**
 * Every spacecraft is always in contact: one window `[MIN_SAFE_INTEGER, MAX_SAFE_INTEGER)`
 * (about ±285 000 years around 1970), so that windows stay finite numbers that any adapter
 * can store and compare. The default of a local run (`UPLINK_CONTACTS=always`).
 *
 * @example
 * isInContact(new AlwaysContactPlan(), "sc-1", 0); // true
 */
export class AlwaysContactPlan implements ContactPlan {
  windowAt(spacecraftId: string, at: Instant): ContactWindow | null {
    return at < ALWAYS_WINDOW_END
      ? { spacecraftId, start: ALWAYS_WINDOW_START, end: ALWAYS_WINDOW_END }
      : null;
  }

  windowsBetween(spacecraftId: string, from: Instant, to: Instant): ContactWindow[] {
    if (!(from < to) || to <= ALWAYS_WINDOW_START || from >= ALWAYS_WINDOW_END) return [];
    return [{ spacecraftId, start: ALWAYS_WINDOW_START, end: ALWAYS_WINDOW_END }];
  }
}
