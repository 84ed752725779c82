import { describe, expect, it } from "vitest";
import { describeViolation } from "../../src/invariants/invariants.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { TraceRecord } from "../../src/trace/trace-record.js";

type Transition = Extract<TraceRecord, { type: "transition" }>;

describe("a run with approvals (SPEC §10)", () => {
  it("keeps commands pending until a second operator decides, sends only approved ones, and holds every invariant", async () => {
    const { summary, trace, violation } = await runScenario({
      seed: 11,
      commands: 400,
      days: 1,
      spacecraft: ["sc-1", "sc-2"],
      crashes: 1,
      workload: { approvalRate: 0.4, rejectRate: 0.3, approvalDelayMaxMs: 2 * 3_600_000 },
    });
    expect(violation, violation ? describeViolation(violation) : "").toBeNull();
    expect(summary.workloadErrors).toBe(0);
    expect(summary.approvals.approved).toBeGreaterThan(50);
    expect(summary.approvals.rejected).toBeGreaterThan(10);
    const records = trace ?? [];
    const transitions = records.filter((r): r is Transition => r.type === "transition" && !r.ignored);
    const pending = new Set(transitions.filter((t) => t.to === "pending_approval").map((t) => t.id));
    expect(pending.size).toBeGreaterThan(100);
    const approvedAt = new Map(
      transitions.filter((t) => t.from === "pending_approval" && t.to === "ready").map((t) => [t.id, t.at]),
    );
    // Every pending command that was transmitted had been approved first, by the second operator.
    for (const t of transitions.filter((x) => x.to === "transmitted" && pending.has(x.id))) {
      expect(approvedAt.get(t.id)).toBeLessThanOrEqual(t.at);
    }
    for (const t of transitions.filter((x) => x.from === "pending_approval")) {
      expect(t.actor).toEqual(
        t.to === "failed" ? "system" : t.to === "ready" ? "approver" : expect.any(String),
      );
    }
    const rejected = transitions.filter(
      (t) => t.from === "pending_approval" && t.reason === "rejected by the second operator",
    );
    expect(rejected.length).toBe(summary.approvals.rejected);
    expect(rejected.every((t) => t.to === "cancelled" && t.actor === "approver")).toBe(true);
    // Actors: the operator submits, the sender transmits, the spacecraft reports.
    expect(transitions.filter((t) => t.from === null).every((t) => t.actor === "operator")).toBe(true);
    expect(transitions.filter((t) => t.to === "transmitted").every((t) => t.actor === "sender")).toBe(true);
    expect(transitions.filter((t) => t.to === "executed").every((t) => t.actor === "spacecraft")).toBe(true);
  });

  it("gives the same trace for the same seed", async () => {
    const config = { seed: 5, commands: 200, days: 0.5, workload: { approvalRate: 0.5 } };
    const a = await runScenario({ ...config, keepTrace: false });
    const b = await runScenario({ ...config, keepTrace: false });
    expect(a.summary.traceHash).toBe(b.summary.traceHash);
    expect(a.summary.approvals).toEqual(b.summary.approvals);
  });

  it("refuses an approval rate that is not a probability", async () => {
    await expect(runScenario({ seed: 1, commands: 1, workload: { approvalRate: 2 } })).rejects.toThrow(
      /approvalRate/,
    );
  });
});
