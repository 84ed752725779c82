import { readFileSync } from "node:fs";
import { AlwaysContactPlan, CONTACT_PLAN } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { ScenarioConfig } from "../../src/scenario/scenario-config.js";

// What a run's verdict is made of: everything the checking thread decides.
const verdictOf = ({ summary, violation }: Awaited<ReturnType<typeof runScenario>>) => ({
  hash: summary.traceHash,
  records: summary.traceRecords,
  invariants: summary.invariants,
  violation,
  outcomes: [summary.failureReasons, summary.cancels, summary.approvals, summary.holds, summary.windows],
});

const DEMO: unknown = JSON.parse(
  readFileSync(new URL("../../../server/dictionaries/demo.json", import.meta.url), "utf8"),
);

describe("checking the trace on a worker thread", () => {
  // On the worker, the busiest records are written from their parts, without record objects
  // (TraceChunkWriter.writeTransitionEvent): the same hash shows they are the same records.
  it("gives the verdict of checking it on the run's own thread, with senders, crashes and a dictionary", async () => {
    const config: ScenarioConfig = {
      seed: 13,
      commands: 3_000,
      days: 1,
      contacts: "periodic:90m/10m",
      senders: 3,
      crashes: 3,
      workload: { holdRate: 0.05, approvalRate: 0.05 },
      dictionary: DEMO,
      inhibitChanges: 3,
      keepTrace: false,
    };
    const onWorker = verdictOf(await runScenario({ ...config, checkOn: "worker" }));
    const onThread = verdictOf(await runScenario({ ...config, checkOn: "thread" }));
    expect(onWorker.records).toBeGreaterThan(20_000);
    expect(onWorker.violation).toBeNull();
    expect(onWorker.outcomes[1]).toMatchObject({ requested: expect.any(Number) });
    expect((onWorker.outcomes[1] as { requested: number }).requested).toBeGreaterThan(0);
    expect(onWorker).toEqual(onThread);
  });

  it("finds the same broken invariant, command and instant", async () => {
    const config: ScenarioConfig = {
      seed: 21,
      commands: 40,
      durationMs: 6 * 3_600_000,
      contacts: "periodic:90m/10m",
      configure: (container) => container.register(CONTACT_PLAN, { useValue: new AlwaysContactPlan() }),
    };
    const onWorker = verdictOf(await runScenario({ ...config, checkOn: "worker" }));
    expect(onWorker.violation?.invariant).toBe("transmit-in-contact");
    expect(onWorker).toEqual(verdictOf(await runScenario({ ...config, checkOn: "thread" })));
  });
});
