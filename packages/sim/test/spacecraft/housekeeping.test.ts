import { type DownlinkFrame, SeededRandom } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/clock/virtual-clock.js";
import {
  afterExecution,
  housekeepingParameters,
  INITIAL_ONBOARD,
  nextOnboard,
  safeModeChance,
} from "../../src/spacecraft/housekeeping.js";
import { type ModeChange, SimulatedSpacecraft } from "../../src/spacecraft/simulated-spacecraft.js";

describe("the housekeeping model", () => {
  it("falls into safe mode when the first draw is under the chance, and only RECOVER brings it back", () => {
    const draws =
      (...values: number[]) =>
      () =>
        values.shift() as number;
    expect(nextOnboard(INITIAL_ONBOARD, draws(0.5, 0.5, 0.5), 0.4).mode).toBe("NOMINAL");
    const safe = nextOnboard(INITIAL_ONBOARD, draws(0.3, 0.5, 0.5), 0.4);
    expect(safe.mode).toBe("SAFE");
    // Safe stays safe whatever the draw.
    expect(nextOnboard(safe, draws(0.99, 0.5, 0.5), 0.4).mode).toBe("SAFE");
    expect(afterExecution(safe, "PING", true)).toBe(safe);
    expect(afterExecution(safe, "RECOVER", false)).toBe(safe);
    expect(afterExecution(safe, "RECOVER", true).mode).toBe("NOMINAL");
    expect(afterExecution(INITIAL_ONBOARD, "RECOVER", true)).toBe(INITIAL_ONBOARD);
    expect(housekeepingParameters(safe)).toEqual({
      MODE: "SAFE",
      BATT_V: safe.battery,
      TEMP_C: safe.temperature,
    });
  });

  it("keeps values within the demo dictionary's limits over a long run in either mode", () => {
    const random = new SeededRandom(3);
    let state = INITIAL_ONBOARD;
    for (let i = 0; i < 20_000; i++) {
      state = nextOnboard(state, () => random.next(), i < 10_000 ? 0 : 1);
      expect(state.battery).toBeGreaterThanOrEqual(24);
      expect(state.battery).toBeLessThanOrEqual(33);
      expect(state.temperature).toBeGreaterThanOrEqual(-10);
      expect(state.temperature).toBeLessThanOrEqual(45);
    }
    expect(state.mode).toBe("SAFE");
  });

  it("turns a mean time between safe modes into a chance per period", () => {
    expect(safeModeChance(10_000, 0)).toBe(0);
    expect(safeModeChance(10_000, 3_600_000)).toBeCloseTo(1 - Math.exp(-1 / 360), 10);
    expect(safeModeChance(3_600_000, 3_600_000)).toBeCloseTo(0.632, 3);
  });
});

describe("SimulatedSpacecraft housekeeping", () => {
  function setup(seed: number, inContact: (id: string, at: number) => boolean = () => true) {
    const clock = new VirtualClock(0);
    const frames: DownlinkFrame[] = [];
    const modes: ModeChange[] = [];
    const spacecraft = new SimulatedSpacecraft(
      clock,
      new SeededRandom(seed),
      (f) => frames.push(f),
      {
        telemetryIntervalMs: 1_000,
        safeModeMeanMs: 20_000,
        ackDelayMaxMs: 0,
        execDelayMaxMs: 0,
        failureRate: 0,
        inContact,
      },
      undefined,
      (m) => modes.push(m),
    );
    return { clock, frames, modes, spacecraft };
  }

  it("falls into safe mode (seeded), reports it in MODE, and leaves it on RECOVER with a frame at once", async () => {
    const { clock, frames, modes, spacecraft } = setup(11);
    spacecraft.startTelemetry(() => ["sc-1", "sc-2"]);
    await clock.runUntil(200_000);
    const safe = modes.find((m) => m.mode === "SAFE");
    expect(safe, "a fall into safe mode within 200 periods of mean 20").toBeDefined();
    const id = safe?.spacecraftId as string;
    expect(spacecraft.onboardOf(id).mode).toBe("SAFE");
    const last = frames.filter((f) => f.spacecraftId === id && f.type === "telemetry").at(-1);
    expect(last?.parameters?.MODE).toBe("SAFE");
    const before = frames.length;
    spacecraft.send({ id: "r1", spacecraftId: id, name: "RECOVER", args: {} });
    await clock.runUntil(clock.now() + 1);
    expect(spacecraft.onboardOf(id).mode).toBe("NOMINAL");
    expect(modes.at(-1)).toMatchObject({ spacecraftId: id, mode: "NOMINAL", commandId: "r1" });
    const after = frames.slice(before).map((f) => [f.type, f.parameters?.MODE ?? null]);
    expect(after).toEqual([
      ["acceptance", null],
      ["completion", null],
      ["telemetry", "NOMINAL"],
    ]);
    // The same seed, the same falls.
    const again = setup(11);
    again.spacecraft.startTelemetry(() => ["sc-1", "sc-2"]);
    await again.clock.runUntil(200_000);
    expect(again.modes.filter((m) => m.commandId === null)).toEqual(
      modes.filter((m) => m.commandId === null && m.at <= 200_000),
    );
  });

  it("sends housekeeping only while in contact", async () => {
    const { clock, frames, spacecraft } = setup(5, (_, at) => at % 10_000 < 3_000);
    spacecraft.startTelemetry(["sc-1"]);
    await clock.runUntil(30_500);
    const times = frames.filter((f) => f.type === "telemetry").map((f) => f.time % 10_000);
    expect(times.length).toBe(9);
    expect(times.every((t) => t < 3_000)).toBe(true);
  });
});
