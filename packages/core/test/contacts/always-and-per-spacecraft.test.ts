import { describe, expect, it } from "vitest";
import {
  ALWAYS_WINDOW_END,
  ALWAYS_WINDOW_START,
  AlwaysContactPlan,
} from "../../src/contacts/always-contact-plan.js";
import { PerSpacecraftContactPlan } from "../../src/contacts/per-spacecraft-contact-plan.js";
import { PeriodicContactPlan } from "../../src/contacts/periodic-contact-plan.js";
import { WindowListContactPlan } from "../../src/contacts/window-list-contact-plan.js";
import { isInContact } from "../../src/ports/contact-plan.js";

describe("AlwaysContactPlan", () => {
  const plan = new AlwaysContactPlan();

  it("is in contact at every representable instant", () => {
    for (const t of [
      ALWAYS_WINDOW_START,
      -1e15,
      0,
      Date.parse("2030-01-01T00:00:00Z"),
      ALWAYS_WINDOW_END - 1,
    ]) {
      expect(isInContact(plan, "sc-1", t)).toBe(true);
    }
    expect(plan.windowAt("sc-9", 0)).toEqual({
      spacecraftId: "sc-9",
      start: ALWAYS_WINDOW_START,
      end: ALWAYS_WINDOW_END,
    });
  });

  it("returns its one window for any non-empty range", () => {
    expect(plan.windowsBetween("sc-1", 0, 1)).toEqual([plan.windowAt("sc-1", 0)]);
    expect(plan.windowsBetween("sc-1", 5, 5)).toEqual([]);
  });
});

describe("PerSpacecraftContactPlan", () => {
  it("uses each spacecraft's plan, else the fallback, else no contact", () => {
    const windows = new WindowListContactPlan([{ start: 100, end: 200 }]);
    const periodic = new PeriodicContactPlan({ periodMs: 1000, durationMs: 10 });
    const withFallback = new PerSpacecraftContactPlan({ "sc-1": windows }, periodic);
    expect(withFallback.windowAt("sc-1", 0)).toEqual({ spacecraftId: "sc-1", start: 100, end: 200 });
    expect(withFallback.windowAt("sc-2", 500)).toEqual({ spacecraftId: "sc-2", start: 1000, end: 1010 });
    expect(withFallback.windowsBetween("sc-2", 0, 2001)).toHaveLength(3);

    const without = new PerSpacecraftContactPlan(new Map([["sc-1", windows]]));
    expect(without.windowAt("sc-2", 0)).toBeNull();
    expect(without.windowsBetween("sc-2", 0, 1e9)).toEqual([]);
    expect(isInContact(without, "sc-1", 150)).toBe(true);
  });
});
