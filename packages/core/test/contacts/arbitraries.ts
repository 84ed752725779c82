import fc from "fast-check";
import { PeriodicContactPlan } from "../../src/contacts/periodic-contact-plan.js";
import type { PlannedWindow } from "../../src/contacts/window-list-contact-plan.js";

/** Options of a periodic plan: period up to a day, any duration up to the period, any offset. */
export const periodicOptions = fc
  .record({
    periodMs: fc.integer({ min: 1, max: 86_400_000 }),
    durationFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    offsetMs: fc.integer({ min: -1e12, max: 1e12 }),
  })
  .map(({ periodMs, durationFraction, offsetMs }) => ({
    periodMs,
    durationMs: Math.max(1, Math.round(periodMs * durationFraction)),
    offsetMs,
  }));

export const periodicPlan = periodicOptions.map((o) => new PeriodicContactPlan(o));

/** Raw windows, possibly unsorted, overlapping or touching. */
export const rawWindows: fc.Arbitrary<PlannedWindow[]> = fc.array(
  fc
    .record({ start: fc.integer({ min: 0, max: 1_000_000 }), length: fc.integer({ min: 1, max: 100_000 }) })
    .map(({ start, length }) => ({ start, end: start + length })),
  { maxLength: 30 },
);

/** An instant around the epoch-relative ranges above. */
export const instant = fc.integer({ min: -2e12, max: 4e12 });
