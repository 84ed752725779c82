import type { ContactWindow, Instant } from "../types.js";

/** When each spacecraft can be reached from the ground. Windows are half-open, `[start, end)`. */
export interface ContactPlan {
  /** The window that contains `at`, or else the next one to open after `at`; null when none will. */
  windowAt(spacecraftId: string, at: Instant): ContactWindow | null;
  /** The windows that overlap `[from, to)`, in order. */
  windowsBetween(spacecraftId: string, from: Instant, to: Instant): ContactWindow[];
}

/** Whether `at` falls inside a window of the plan. */
export function isInContact(plan: ContactPlan, spacecraftId: string, at: Instant): boolean {
  const w = plan.windowAt(spacecraftId, at);
  return w !== null && w.start <= at && at < w.end;
}

export const CONTACT_PLAN = Symbol.for("uplink.ContactPlan");
