import { describe, expect, it } from "vitest";
import { AlwaysContactPlan } from "../../src/contacts/always-contact-plan.js";
import { PeriodicContactPlan } from "../../src/contacts/periodic-contact-plan.js";
import { type HealthInput, healthOf, lastEndedWindow, NO_LIMITS } from "../../src/fleet/health.js";

const base: HealthInput = {
  spacecraft: { id: "sat", mission: "demo" },
  lastFrameAt: 5_000,
  telemetry: { BATT_V: { value: 28 }, MODE: { value: "NOMINAL" } },
  lastWindow: { start: 1_000, end: 2_000 },
  limits: NO_LIMITS,
};
const battLimits = (_: unknown, name: string) => (name === "BATT_V" ? { min: 24, max: 33 } : null);

describe("healthOf", () => {
  it("is unknown before any frame, whatever else is known", () => {
    expect(healthOf({ ...base, lastFrameAt: null, telemetry: { MODE: { value: "SAFE" } } })).toBe("unknown");
  });

  it("is silent when no frame came since the start of the last window that ended", () => {
    expect(healthOf({ ...base, lastFrameAt: 999 })).toBe("silent");
    expect(healthOf({ ...base, lastFrameAt: 1_000 })).toBe("nominal");
    expect(healthOf({ ...base, lastFrameAt: 999, lastWindow: null })).toBe("nominal");
    expect(healthOf({ ...base, lastFrameAt: 999, telemetry: { MODE: { value: "SAFE" } } })).toBe("silent");
  });

  it("is safe when MODE is SAFE, before any limit", () => {
    expect(
      healthOf({ ...base, telemetry: { MODE: { value: "SAFE" }, BATT_V: { value: 5 } }, limits: battLimits }),
    ).toBe("safe");
  });

  it("is degraded when a numeric parameter is outside the limits its source gives, bounds inclusive", () => {
    expect(healthOf({ ...base, telemetry: { BATT_V: { value: 23.9 } }, limits: battLimits })).toBe(
      "degraded",
    );
    expect(healthOf({ ...base, telemetry: { BATT_V: { value: 33.1 } }, limits: battLimits })).toBe(
      "degraded",
    );
    expect(healthOf({ ...base, telemetry: { BATT_V: { value: 24 } }, limits: battLimits })).toBe("nominal");
    expect(healthOf({ ...base, telemetry: { BATT_V: { value: "low" } }, limits: battLimits })).toBe(
      "nominal",
    );
    expect(healthOf({ ...base, telemetry: { BATT_V: { value: 5 } } })).toBe("nominal");
    expect(healthOf({ ...base, telemetry: { X: { value: 9 } }, limits: () => ({ max: 10 }) })).toBe(
      "nominal",
    );
    expect(healthOf({ ...base, telemetry: { X: { value: -1 } }, limits: () => ({ min: 0 }) })).toBe(
      "degraded",
    );
  });
});

describe("lastEndedWindow", () => {
  it("finds the last window that ended, none for an always plan", () => {
    const plan = new PeriodicContactPlan({ periodMs: 100_000, durationMs: 10_000, offsetMs: 0 });
    expect(lastEndedWindow(plan, "sat", 250_000)).toMatchObject({ start: 200_000, end: 210_000 });
    expect(lastEndedWindow(plan, "sat", 205_000)).toMatchObject({ start: 100_000, end: 110_000 });
    expect(lastEndedWindow(new AlwaysContactPlan(), "sat", 250_000)).toBeNull();
  });
});
