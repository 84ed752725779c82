import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../src/invariants/check-invariants.js";
import { describeViolation } from "../../src/invariants/invariants.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { TraceRecord } from "../../src/trace/trace-record.js";

type Transition = Extract<TraceRecord, { type: "transition" }>;

describe("a run with holds (SPEC §10)", () => {
  it("sends nothing an operator holds until it is released, and holds every invariant", async () => {
    const { summary, trace, violation } = await runScenario({
      seed: 17,
      commands: 400,
      days: 1,
      spacecraft: ["sc-1", "sc-2"],
      crashes: 1,
      workload: { holdRate: 0.3, holdDelayMaxMs: 5 * 60_000, holdDurationMaxMs: 3 * 3_600_000 },
    });
    expect(violation, violation ? describeViolation(violation) : "").toBeNull();
    expect(summary.workloadErrors).toBe(0);
    expect(summary.holds.held).toBeGreaterThan(20);
    const entries = (trace ?? []).filter((r): r is Transition => r.type === "transition");
    const holds = entries.filter((e) => e.kind === "hold");
    expect(holds.length).toBe(summary.holds.held);
    expect(holds.every((e) => e.from === "ready" && e.to === "ready" && e.actor === "operator")).toBe(true);
    // Every held command that was sent went after its release.
    for (const hold of holds) {
      const release = entries.find((e) => e.id === hold.id && e.kind === "release");
      const sent = entries.find((e) => e.id === hold.id && e.to === "transmitted");
      if (sent !== undefined) expect(release?.at).toBeLessThanOrEqual(sent.at);
    }
    expect(
      entries.some(
        (e) => e.kind === "release" && entries.some((x) => x.id === e.id && x.to === "transmitted"),
      ),
    ).toBe(true);
  });

  it("leaves runs without holds as they were: no kind in their records", async () => {
    const { trace } = await runScenario({ seed: 4, commands: 50, days: 0.2 });
    expect((trace ?? []).some((r) => r.type === "transition" && r.kind !== undefined)).toBe(false);
  });

  it("is caught by transmit-not-held when a held command is transmitted", async () => {
    const { trace } = await runScenario({ seed: 2, commands: 60, days: 0.25, contacts: "always" });
    const records = trace ?? [];
    const sent = records.find((r): r is Transition => r.type === "transition" && r.to === "transmitted");
    if (sent === undefined) throw new Error("nothing transmitted");
    const tampered: TraceRecord[] = [];
    for (const r of records) {
      if (r === sent) {
        tampered.push({
          ...sent,
          to: "ready",
          from: "ready",
          kind: "hold",
          source: "operator",
          actor: "operator",
        });
        tampered.push({ ...sent, seq: sent.seq + 1, eventId: sent.eventId + 0.5 });
        continue;
      }
      if (r.type === "transition" && r.id === sent.id && r.seq > sent.seq)
        tampered.push({ ...r, seq: r.seq + 1 });
      else tampered.push(r);
    }
    expect(checkInvariants(tampered).violation?.invariant).toBe("transmit-not-held");
  });
});
