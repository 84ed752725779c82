import { CLOCK, InhibitCatalog, InhibitSet, InMemoryInhibitStore, NO_INHIBITS } from "@uplink/core";
import { instanceCachingFactory } from "tsyringe";
import { describe, expect, it } from "vitest";
import { describeViolation } from "../../src/invariants/invariants.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { INHIBIT_CATALOG } from "../../src/scenario/tokens.js";
import { WORKLOAD_NAMES } from "../../src/scenario/workload-names.js";
import type { TraceRecord } from "../../src/trace/trace-record.js";

const HOUR = 3_600_000;

describe("a run with inhibits", () => {
  it("runs core's inhibit decisions (dropped at submission, queued commands fail inhibited) and holds every invariant", async () => {
    const { summary, trace, violation } = await runScenario({
      seed: 7,
      commands: 600,
      days: 1,
      spacecraft: ["sc-1", "sc-2"],
      // Rare windows, so that commands wait in the queue when their name becomes inhibited.
      contacts: "periodic:6h/10m",
      crashes: 1,
      inhibits: [
        { at: 2 * HOUR, spacecraftId: "sc-1", commands: ["PING", "SET_MODE", "DUMP_TM"] },
        { at: 20 * HOUR, spacecraftId: "sc-1", commands: [] },
      ],
      inhibitChanges: 8,
    });
    expect(violation, violation ? describeViolation(violation) : "").toBeNull();
    expect(summary.failureReasons.inhibited ?? 0).toBeGreaterThan(0);
    expect(summary.sender.inhibited).toBe(summary.failureReasons.inhibited);
    expect(summary.inhibitedAtSubmission).toBeGreaterThan(0);
    expect(summary.workloadErrors).toBe(0);
    const records = trace ?? [];
    const changes = records.filter(
      (r): r is Extract<TraceRecord, { type: "inhibit" }> => r.type === "inhibit",
    );
    expect(changes.length).toBe(10);
    expect(changes.find((c) => c.at === summary.start + 2 * HOUR)?.commands).toEqual([
      "DUMP_TM",
      "PING",
      "SET_MODE",
    ]);
    // What was refused at submission never reached the trace: only stored commands are.
    const submits = records.filter((r) => r.type === "submit").length;
    expect(submits + summary.inhibitedAtSubmission).toBe(600);
  });

  it("gives the same trace for the same seed", async () => {
    const config = { seed: 3, commands: 200, days: 0.5, inhibitChanges: 5 };
    const a = await runScenario({ ...config, keepTrace: false });
    const b = await runScenario({ ...config, keepTrace: false });
    expect(a.summary.traceHash).toBe(b.summary.traceHash);
  });

  it("refuses an inhibit change for a spacecraft the scenario does not have", async () => {
    await expect(
      runScenario({ seed: 1, commands: 1, inhibits: [{ at: 0, spacecraftId: "sc-9", commands: ["PING"] }] }),
    ).rejects.toThrow(/inhibits\[0\]\.spacecraftId/);
  });

  it("refuses an inhibit change that core would refuse, before the run starts", async () => {
    await expect(
      runScenario({
        seed: 1,
        commands: 1,
        inhibits: [{ at: 0, spacecraftId: "sc-1", commands: ["not a name"] }],
      }),
    ).rejects.toThrow(/inhibits\[0\]\.commands\[0\]/);
    await expect(
      runScenario({ seed: 1, commands: 1, inhibits: [{ at: -5, spacecraftId: "sc-1", commands: [] }] }),
    ).rejects.toThrow(/inhibits\[0\]\.at/);
  });
});

describe("a ground that ignores inhibits", () => {
  it("is caught by transmit-not-inhibited", async () => {
    const { violation } = await runScenario({
      seed: 7,
      commands: 300,
      days: 1,
      inhibits: [{ at: 0, spacecraftId: "sc-1", commands: [...WORKLOAD_NAMES] }],
      configure: (c) =>
        c.register(INHIBIT_CATALOG, {
          useFactory: instanceCachingFactory(
            (r) => new ForgetfulCatalog(new InMemoryInhibitStore(), r.resolve(CLOCK)),
          ),
        }),
    });
    expect(violation?.invariant).toBe("transmit-not-inhibited");
  });
});

/** Stores inhibits but answers that nothing is inhibited. */
class ForgetfulCatalog extends InhibitCatalog {
  override current(): InhibitSet {
    return new InhibitSet(NO_INHIBITS);
  }
}
