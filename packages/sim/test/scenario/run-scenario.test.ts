import { InMemoryTelecommandRepository } from "@uplink/core";
import { makeTelecommand } from "@uplink/core/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../src/invariants/check-invariants.js";
import { describeViolation } from "../../src/invariants/invariants.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { arbScenario } from "../../src/testing/arb-scenario.js";
import { hashTrace } from "../../src/trace/trace-hash.js";
import { toJsonLines } from "../../src/trace/trace-sinks.js";

describe("runScenario", () => {
  it("keeps every invariant over 200 random whole scenarios, with several senders and restarts", async () => {
    const seen = {
      restarts: 0,
      inhibited: 0,
      severalSenders: 0,
      transmitted: 0,
      executed: 0,
      failed: 0,
      cancelled: 0,
      duplicates: 0,
      gaps: 0,
      conflicts: 0,
      queueChanges: 0,
      approved: 0,
      held: 0,
    };
    await fc.assert(
      fc.asyncProperty(arbScenario(), async (scenario) => {
        const { trace, violation, summary } = await runScenario(scenario);
        if (violation) throw new Error(describeViolation(violation));
        const report = checkInvariants(trace ?? []);
        expect(report.violation).toBeNull();
        // Submissions refused as inhibited, or by a closed queue, are not stored, so not in the trace.
        expect(report.commands).toBe(
          scenario.commands - summary.inhibitedAtSubmission - summary.queueClosedAtSubmission,
        );
        expect(summary.submitted).toBe(scenario.commands);
        expect(summary.workloadErrors).toBe(0);
        seen.restarts += summary.crashes.length;
        seen.queueChanges += summary.queueChanges;
        seen.approved += summary.approvals.approved;
        seen.held += summary.holds.held;
        seen.inhibited += summary.inhibitedAtSubmission + summary.sender.inhibited;
        if (summary.senders > 1) seen.severalSenders++;
        seen.transmitted += summary.sender.transmitted;
        seen.executed += summary.statuses.executed ?? 0;
        seen.failed += summary.statuses.failed ?? 0;
        seen.cancelled += summary.statuses.cancelled ?? 0;
        seen.duplicates += summary.downlink.duplicates;
        seen.gaps += summary.downlink.gaps;
        seen.conflicts += summary.downlink.conflicts;
      }),
      { numRuns: 200 },
    );
    // The scenarios really exercised every path.
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
  });

  it("gives the same trace, byte for byte, for the same seed and another for another seed", async () => {
    const config = {
      seed: 11,
      commands: 150,
      durationMs: 4 * 3_600_000,
      spacecraft: ["sc-1", "sc-2"],
      downlink: { jitterMs: 4_000, lossRate: 0.05, duplicateRate: 0.1, conflictRate: 0.05 },
    };
    const a = await runScenario(config);
    const b = await runScenario(config);
    const c = await runScenario({ ...config, seed: 12 });
    const text = toJsonLines(a.trace ?? []);
    expect(toJsonLines(b.trace ?? [])).toBe(text);
    expect(b.summary.traceHash).toBe(a.summary.traceHash);
    expect(hashTrace(a.trace ?? [])).toBe(a.summary.traceHash);
    expect(c.summary.traceHash).not.toBe(a.summary.traceHash);
    expect(toJsonLines(c.trace ?? [])).not.toBe(text);
  });

  it("streams the trace without keeping it, with the same hash and verdict", async () => {
    const config = { seed: 5, commands: 80, durationMs: 3_600_000 };
    const kept = await runScenario(config);
    const streamed: string[] = [];
    const light = await runScenario({
      ...config,
      keepTrace: false,
      traceSink: { write: (r) => streamed.push(JSON.stringify(r)) },
    });
    expect(light.trace).toBeNull();
    expect(light.summary.traceHash).toBe(kept.summary.traceHash);
    expect(`${streamed.join("\n")}\n`).toBe(toJsonLines(kept.trace ?? []));
    expect(light.violation).toBeNull();
  });

  it("gives the same trace whether or not the repository keeps histories", async () => {
    const config = {
      seed: 9,
      commands: 120,
      durationMs: 2 * 3_600_000,
      downlink: { duplicateRate: 0.2, jitterMs: 3_000 },
    };
    const kept = await runScenario({ ...config, keepHistory: true });
    const light = await runScenario({ ...config, keepTrace: false });
    expect(light.summary.traceHash).toBe(kept.summary.traceHash);
    expect(light.violation).toBeNull();
    const repository = new InMemoryTelecommandRepository({ keepHistory: false });
    const command = makeTelecommand();
    const { entry } = await repository.insert(command);
    const ignored = await repository.recordIgnored({
      id: command.id,
      at: 1,
      reason: "late",
      source: "spacecraft",
      actor: "spacecraft",
    });
    expect([entry?.seq, ignored?.seq]).toEqual([1, 2]);
    expect(await repository.history(command.id)).toEqual([]);
  });

  it("reports progress in virtual time and settles every command of a simple run", async () => {
    const progress: number[] = [];
    const { summary } = await runScenario({
      seed: 3,
      commands: 50,
      durationMs: 2 * 3_600_000,
      contacts: "always",
      workload: { cancelRate: 0, notAfterRate: 0, notBeforeRate: 0, unknownRate: 0 },
      onProgress: (p) => progress.push(p.now),
      progressEveryMs: 30 * 60_000,
    });
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const { executed = 0, failed = 0 } = summary.statuses;
    expect(executed + failed).toBe(50);
    expect(summary.invariants.ok).toBe(true);
  });
});
