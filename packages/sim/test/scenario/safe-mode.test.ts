import { describe, expect, it } from "vitest";
import { describeViolation } from "../../src/invariants/invariants.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { renderTimeline } from "../../src/svg/timeline-svg.js";
import type { TraceMode, TraceRecord } from "../../src/trace/trace-record.js";

const HOUR = 3_600_000;

const config = {
  seed: 21,
  commands: 200,
  days: 1,
  spacecraft: ["sc-1", "sc-2"],
  contacts: "periodic:90m/15m",
  spacecraftBehaviour: { telemetryIntervalMs: 30_000, safeModeMeanMs: 4 * HOUR },
  drainMs: 6 * HOUR,
} as const;

const modes = (trace: readonly TraceRecord[] | null) =>
  (trace ?? []).filter((r): r is TraceMode => r.type === "mode");

describe("a run with housekeeping", () => {
  it("records safe-mode periods, each ended by a RECOVER the operators sent, and holds every invariant", async () => {
    const { summary, trace, violation } = await runScenario(config);
    expect(violation, violation ? describeViolation(violation) : "").toBeNull();
    const changes = modes(trace);
    const falls = changes.filter((m) => m.mode === "SAFE");
    expect(falls.length).toBeGreaterThan(0);
    expect(falls.every((m) => m.id === null)).toBe(true);
    const recoveries = changes.filter((m) => m.mode === "NOMINAL");
    expect(recoveries.length).toBeGreaterThan(0);
    expect(summary.recovers).toBeGreaterThanOrEqual(recoveries.length);
    const submits = new Map((trace ?? []).flatMap((r) => (r.type === "submit" ? [[r.id, r] as const] : [])));
    for (const recovery of recoveries) {
      // Left by executing a RECOVER the ground sent to that very spacecraft.
      const command = submits.get(recovery.id as string);
      expect(command).toMatchObject({ name: "RECOVER", spacecraftId: recovery.spacecraftId });
      const executed = (trace ?? []).find(
        (r) => r.type === "spacecraft" && r.id === recovery.id && r.event === "executed",
      );
      expect(executed).toMatchObject({ at: recovery.at, success: true });
    }
    // Per spacecraft, modes alternate SAFE, NOMINAL, SAFE…
    for (const id of config.spacecraft) {
      const sequence = changes.filter((m) => m.spacecraftId === id).map((m) => m.mode);
      expect(sequence).toEqual(sequence.map((_, i) => (i % 2 === 0 ? "SAFE" : "NOMINAL")));
    }
    const svg = renderTimeline(trace ?? []);
    expect(svg).toContain("safe mode");
    expect(svg.match(/class='safe-mode'/g)?.length).toBe(falls.length);
  });

  it("gives the same trace for the same seed, and none of it without housekeeping", async () => {
    const [a, b] = await Promise.all([runScenario(config), runScenario(config)]);
    expect(a.summary.traceHash).toBe(b.summary.traceHash);
    const off = await runScenario({ ...config, spacecraftBehaviour: {} });
    expect(modes(off.trace)).toEqual([]);
    expect(off.summary.recovers).toBe(0);
    expect(off.summary.downlink.telemetry).toBe(0);
    expect(a.summary.downlink.telemetry).toBeGreaterThan(0);
  });
});
