import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PeriodicContactPlan } from "../../src/contacts/periodic-contact-plan.js";
import { ConfigError } from "../../src/errors.js";
import { isInContact } from "../../src/ports/contact-plan.js";
import { instant, periodicOptions, periodicPlan } from "./arbitraries.js";

const mod = (a: number, n: number) => ((a % n) + n) % n;

describe("PeriodicContactPlan", () => {
  it("opens a window of the duration every period from the epoch plus the offset", () => {
    const plan = new PeriodicContactPlan({ periodMs: 5_400_000, durationMs: 600_000, offsetMs: 300_000 });
    expect(plan.windowAt("sc-1", 0)).toEqual({ spacecraftId: "sc-1", start: 300_000, end: 900_000 });
    expect(plan.windowAt("sc-1", 300_000)).toEqual({ spacecraftId: "sc-1", start: 300_000, end: 900_000 });
    expect(plan.windowAt("sc-1", 899_999)?.start).toBe(300_000);
    expect(plan.windowAt("sc-1", 900_000)).toEqual({
      spacecraftId: "sc-1",
      start: 5_700_000,
      end: 6_300_000,
    });
    expect(plan.windowAt("sc-2", -1)).toEqual({ spacecraftId: "sc-2", start: 300_000, end: 900_000 });
    expect(plan.windowAt("sc-2", -5_000_000)).toEqual({
      spacecraftId: "sc-2",
      start: -5_100_000,
      end: -4_500_000,
    });
  });

  it("lists the windows overlapping a range, including one already open", () => {
    const plan = new PeriodicContactPlan({ periodMs: 100, durationMs: 10 });
    expect(plan.windowsBetween("a", 5, 250).map((w) => [w.start, w.end])).toEqual([
      [0, 10],
      [100, 110],
      [200, 210],
    ]);
    expect(plan.windowsBetween("a", 10, 100)).toEqual([]);
    expect(plan.windowsBetween("a", 50, 50)).toEqual([]);
  });

  it("never breaks contact when the duration equals the period", () => {
    const plan = new PeriodicContactPlan({ periodMs: 60_000, durationMs: 60_000 });
    for (const t of [0, 1, 59_999, 60_000, 123_456_789]) expect(isInContact(plan, "a", t)).toBe(true);
  });

  it("rejects periods, durations and offsets it cannot use", () => {
    const bad = [
      { periodMs: 0, durationMs: 1 },
      { periodMs: -5, durationMs: 1 },
      { periodMs: 1.5, durationMs: 1 },
      { periodMs: 10, durationMs: 0 },
      { periodMs: 10, durationMs: 11 },
      { periodMs: 10, durationMs: 5, offsetMs: Number.NaN },
    ];
    for (const options of bad) expect(() => new PeriodicContactPlan(options)).toThrow(ConfigError);
  });

  it("contains t iff (t - offset) mod period < duration", () => {
    fc.assert(
      fc.property(periodicOptions, instant, (options, t) => {
        const plan = new PeriodicContactPlan(options);
        const expected = mod(t - options.offsetMs, options.periodMs) < options.durationMs;
        expect(isInContact(plan, "sc-1", t)).toBe(expected);
        const w = plan.windowAt("sc-1", t);
        expect(w).not.toBeNull();
        expect((w?.end ?? 0) - (w?.start ?? 0)).toBe(options.durationMs);
        expect(mod((w?.start ?? 0) - options.offsetMs, options.periodMs)).toBe(0);
        expect(w?.end).toBeGreaterThan(t);
        // The window is the first one ending after t: the one before it ended at or before t.
        expect((w?.end ?? 0) - options.periodMs).toBeLessThanOrEqual(t);
      }),
    );
  });

  it("agrees with windowsBetween, in order and without overlap", () => {
    fc.assert(
      fc.property(periodicPlan, instant, fc.integer({ min: 0, max: 40 }), (plan, from, periods) => {
        const to = from + periods * plan.periodMs + 1;
        const windows = plan.windowsBetween("sc-1", from, to);
        for (let i = 0; i < windows.length; i++) {
          const w = windows[i];
          expect(w && w.start < to && w.end > from).toBe(true);
          if (i > 0) expect(w?.start).toBeGreaterThanOrEqual(windows[i - 1]?.end ?? Number.NaN);
          if (i > 0) expect(plan.windowAt("sc-1", windows[i - 1]?.end ?? 0)).toEqual(w);
        }
        const first = plan.windowAt("sc-1", from);
        if (first && first.start < to) expect(windows[0]).toEqual(first);
        else expect(windows).toEqual([]);
        const last = windows[windows.length - 1];
        if (last) expect((plan.windowAt("sc-1", last.end)?.start ?? 0) >= to).toBe(true);
      }),
    );
  });
});
