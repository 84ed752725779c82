import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../src/invariants/check-invariants.js";
import { describeViolation } from "../../src/invariants/invariants.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { TraceRecord } from "../../src/trace/trace-record.js";

const HOUR = 3_600_000;

describe("a run with queue states (SPEC §10)", () => {
  it("sends nothing to a held or closed queue, refuses submissions to a closed one, and holds every invariant", async () => {
    const { summary, trace, violation } = await runScenario({
      seed: 13,
      commands: 500,
      days: 1,
      spacecraft: ["sc-1", "sc-2"],
      contacts: "periodic:90m/20m",
      crashes: 1,
      queues: [
        { at: 2 * HOUR, spacecraftId: "sc-1", state: "held" },
        { at: 8 * HOUR, spacecraftId: "sc-1", state: "open" },
        { at: 12 * HOUR, spacecraftId: "sc-2", state: "closed" },
        { at: 16 * HOUR, spacecraftId: "sc-2", state: "open" },
      ],
      queueChanges: 3,
    });
    expect(violation, violation ? describeViolation(violation) : "").toBeNull();
    expect(summary.workloadErrors).toBe(0);
    expect(summary.queueChanges).toBe(10);
    expect(summary.queueClosedAtSubmission).toBeGreaterThan(0);
    const records = trace ?? [];
    const sentToSc1 = records.filter(
      (r): r is Extract<TraceRecord, { type: "uplink" }> => r.type === "uplink" && r.spacecraftId === "sc-1",
    );
    const held = (at: number) => at >= summary.start + 2 * HOUR && at < summary.start + 8 * HOUR;
    expect(sentToSc1.length).toBeGreaterThan(50);
    expect(sentToSc1.filter((r) => held(r.at))).toEqual([]);
    // What waited in the held queue went once it opened.
    expect(sentToSc1.some((r) => r.at >= summary.start + 8 * HOUR && r.at < summary.start + 11 * HOUR)).toBe(
      true,
    );
  });

  it("gives the same trace for the same seed", async () => {
    const config = { seed: 3, commands: 200, days: 0.5, queueChanges: 4 };
    const a = await runScenario({ ...config, keepTrace: false });
    const b = await runScenario({ ...config, keepTrace: false });
    expect(a.summary.traceHash).toBe(b.summary.traceHash);
  });

  it("refuses a queue change for a spacecraft the scenario does not have, or an unknown state", async () => {
    await expect(
      runScenario({ seed: 1, commands: 1, queues: [{ at: 0, spacecraftId: "sc-9", state: "held" }] }),
    ).rejects.toThrow(/queues\[0\]\.spacecraftId/);
    await expect(
      runScenario({
        seed: 1,
        commands: 1,
        queues: [{ at: 0, spacecraftId: "sc-1", state: "paused" as "held" }],
      }),
    ).rejects.toThrow(/queues\[0\]\.state/);
  });

  it("is caught by transmit-queue-open when a transmission comes while the queue is held", async () => {
    const { trace } = await runScenario({ seed: 2, commands: 60, days: 0.25, contacts: "always" });
    const records = trace ?? [];
    const first = records.find(
      (r): r is Extract<TraceRecord, { type: "transition" }> =>
        r.type === "transition" && r.to === "transmitted",
    );
    if (first === undefined) throw new Error("nothing transmitted");
    const at = first.at;
    const tampered: TraceRecord[] = [];
    for (const r of records) {
      if (r === first) tampered.push({ type: "queue", at, spacecraftId: "sc-1", state: "held" });
      tampered.push(r);
    }
    expect(checkInvariants(tampered).violation?.invariant).toBe("transmit-queue-open");
  });
});
