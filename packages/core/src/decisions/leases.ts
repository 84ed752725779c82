import type { Instant } from "../types.js";

/** When a lease taken at `now` for `leaseMs` ends. */
export function leaseUntil(now: Instant, leaseMs: number): Instant {
  return now + leaseMs;
}

/** A lease holds while `now` is before its end; from then on anyone may take it over. */
export function leaseHolds(until: Instant, now: Instant): boolean {
  return now < until;
}
