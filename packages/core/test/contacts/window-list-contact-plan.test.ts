import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WindowListContactPlan } from "../../src/contacts/window-list-contact-plan.js";
import { ConfigError } from "../../src/errors.js";
import { isInContact } from "../../src/ports/contact-plan.js";
import { rawWindows } from "./arbitraries.js";

describe("WindowListContactPlan", () => {
  it("sorts and merges overlapping and touching windows", () => {
    const plan = new WindowListContactPlan([
      { start: 50, end: 60, station: "B" },
      { start: 0, end: 10, station: "A", maxElevationDeg: 20 },
      { start: 5, end: 20, station: "A", maxElevationDeg: 40 },
      { start: 20, end: 30, station: "C" },
      { start: 55, end: 58, station: "B" },
    ]);
    expect(plan.windows).toEqual([
      { start: 0, end: 30, maxElevationDeg: 40 },
      { start: 50, end: 60, station: "B" },
    ]);
  });

  it("answers the containing window, else the next, else null", () => {
    const plan = new WindowListContactPlan([
      { start: 100, end: 200 },
      { start: 300, end: 400, station: "Kiruna" },
    ]);
    expect(plan.windowAt("sc-1", 0)).toEqual({ spacecraftId: "sc-1", start: 100, end: 200 });
    expect(plan.windowAt("sc-1", 100)).toEqual({ spacecraftId: "sc-1", start: 100, end: 200 });
    expect(plan.windowAt("sc-1", 200)).toEqual({
      spacecraftId: "sc-1",
      start: 300,
      end: 400,
      station: "Kiruna",
    });
    expect(plan.windowAt("sc-1", 400)).toBeNull();
    expect(plan.windowsBetween("sc-1", 150, 301).map((w) => w.start)).toEqual([100, 300]);
    expect(plan.windowsBetween("sc-1", 200, 300)).toEqual([]);
    expect(new WindowListContactPlan([]).windowAt("sc-1", 0)).toBeNull();
  });

  it("rejects empty, reversed and non-finite windows", () => {
    expect(() => new WindowListContactPlan([{ start: 10, end: 10 }])).toThrow(ConfigError);
    expect(
      () =>
        new WindowListContactPlan([
          { start: 0, end: 5 },
          { start: 10, end: 9 },
        ]),
    ).toThrow(/windows\[1\]/);
    expect(() => new WindowListContactPlan([{ start: 0, end: Number.POSITIVE_INFINITY }])).toThrow(
      ConfigError,
    );
  });

  it("is in contact exactly where some listed window is", () => {
    fc.assert(
      fc.property(rawWindows, fc.integer({ min: -10, max: 1_200_000 }), (windows, t) => {
        const plan = new WindowListContactPlan(windows);
        expect(isInContact(plan, "x", t)).toBe(windows.some((w) => w.start <= t && t < w.end));
      }),
    );
  });

  it("keeps windows in order, apart, and agreeing with windowAt", () => {
    fc.assert(
      fc.property(
        rawWindows,
        fc.integer({ min: -10, max: 1_200_000 }),
        fc.nat(500_000),
        (windows, from, span) => {
          const plan = new WindowListContactPlan(windows);
          for (let i = 1; i < plan.windows.length; i++) {
            expect(plan.windows[i]?.start).toBeGreaterThan(plan.windows[i - 1]?.end ?? Number.NaN);
          }
          const to = from + span + 1;
          const between = plan.windowsBetween("x", from, to);
          const first = plan.windowAt("x", from);
          if (first && first.start < to) expect(between[0]).toEqual(first);
          else expect(between).toEqual([]);
          for (let i = 1; i < between.length; i++) {
            expect(plan.windowAt("x", between[i - 1]?.end ?? 0)).toEqual(between[i]);
          }
          expect(between.every((w) => w.start < to && w.end > from)).toBe(true);
        },
      ),
    );
  });
});
