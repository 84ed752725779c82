import { AlwaysContactPlan, CONTACT_PLAN, defaultLifecycle, defineLifecycle, Lifecycle } from "@uplink/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseEngine } from "../../src/engine/engine-choice.js";
import { checkInvariants } from "../../src/invariants/check-invariants.js";
import { describeViolation } from "../../src/invariants/invariants.js";
import { runScenario, runServicesScenario, type ScenarioResult } from "../../src/scenario/run-scenario.js";
import type { ScenarioConfig } from "../../src/scenario/scenario-config.js";
import { arbScenario } from "../../src/testing/arb-scenario.js";
import { toJsonLines } from "../../src/trace/trace-sinks.js";

/** Everything a run reports but its wall time. */
function comparable(result: ScenarioResult): unknown {
  return { ...result.summary, wallMs: 0, commandsPerSecond: 0 };
}

/** Runs both engines; fails naming the first differing trace record. */
async function expectSameRun(config: ScenarioConfig): Promise<void> {
  const services = await runServicesScenario(config);
  const fast = await runScenario({ ...config, engine: "fast" });
  if (fast.summary.traceHash !== services.summary.traceHash) {
    const a = toJsonLines(services.trace ?? []).split("\n");
    const b = toJsonLines(fast.trace ?? []).split("\n");
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    expect.fail(
      `trace record ${i} differs:\nservices: ${a[i]}\nfast:     ${b[i]}\n${JSON.stringify(config)}`,
    );
  }
  expect(comparable(fast)).toEqual(comparable(services));
  expect(JSON.stringify(fast.summary.statuses)).toBe(JSON.stringify(services.summary.statuses));
  const { violation } = checkInvariants(fast.trace ?? []);
  if (violation) expect.fail(describeViolation(violation));
  // Unkept, the fast engine refills its records: the hash and the checks must not change.
  const light = await runScenario({ ...config, engine: "fast", keepTrace: false });
  expect(comparable(light)).toEqual(comparable(services));
}

const tiny = (max: number) => fc.integer({ min: 0, max });

/**
 * Scenarios squeezed into a few milliseconds: delays of 0–3 ms, timeouts of 0–5 ms, tiny
 * sender capacities. Most events then tie on their instant, so the order in which the engines
 * schedule them (and run their promise chains) decides the trace: a fast engine that orders
 * one pair of continuations differently fails here within a few runs.
 */
function arbTiedScenario(): fc.Arbitrary<ScenarioConfig> {
  return fc
    .tuple(
      arbScenario({ maxCommands: 60 }),
      fc.record({
        durationMs: fc.integer({ min: 1, max: 200 }),
        transmitDelayMaxMs: tiny(3),
        capacity: fc.option(
          fc.record({
            batchSize: fc.integer({ min: 1, max: 8 }),
            maxPending: fc.integer({ min: 1, max: 8 }),
          }),
        ),
        ackDelayMaxMs: tiny(3),
        execDelayMaxMs: tiny(3),
        latencyMs: tiny(2),
        jitterMs: tiny(3),
        gapTimeoutMs: tiny(3),
        cancelDelayMaxMs: tiny(3),
        windowMaxMs: fc.integer({ min: 1, max: 5 }),
        acceptanceMs: tiny(5),
        executionMs: tiny(5),
        contacts: fc.constantFrom(
          "always",
          "periodic:1m/1m",
          "windows:2030-01-01T00:00:00Z/2030-01-01T00:00:01Z",
        ),
      }),
    )
    .map(([base, t]) => ({
      ...base,
      durationMs: t.durationMs,
      contacts: t.contacts,
      sender: { transmitDelayMaxMs: t.transmitDelayMaxMs, ...(t.capacity ?? {}) },
      spacecraftBehaviour: {
        ...base.spacecraftBehaviour,
        ackDelayMaxMs: t.ackDelayMaxMs,
        execDelayMaxMs: t.execDelayMaxMs,
      },
      downlink: { ...base.downlink, latencyMs: t.latencyMs, jitterMs: t.jitterMs },
      downlinkProcessor: { gapTimeoutMs: t.gapTimeoutMs },
      timeouts: { acceptanceMs: t.acceptanceMs, executionMs: t.executionMs },
      workload: { ...base.workload, cancelDelayMaxMs: t.cancelDelayMaxMs, windowMaxMs: t.windowMaxMs },
      progressEveryMs: 60_000,
    }));
}

describe("the fast engine", () => {
  it("gives the services' trace hash and summary over 300 random whole scenarios", async () => {
    await fc.assert(fc.asyncProperty(arbScenario(), expectSameRun), { numRuns: 300 });
  });

  it("gives the services' trace when most events tie on their instant (300 scenarios)", async () => {
    await fc.assert(fc.asyncProperty(arbTiedScenario(), expectSameRun), { numRuns: 300 });
  });

  it("gives the services' trace with many spacecraft, small claim batches and long runs", async () => {
    const arb = fc
      .tuple(
        arbScenario({ maxCommands: 300, maxDurationMs: 2 * 86_400_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.record({
          batchSize: fc.integer({ min: 1, max: 30 }),
          maxPending: fc.integer({ min: 1, max: 30 }),
        }),
      )
      .map(([base, n, capacity]) => ({
        ...base,
        spacecraft: Array.from({ length: n }, (_, i) => `sc-${i + 1}`),
        sender: { ...base.sender, ...capacity },
      }));
    await fc.assert(fc.asyncProperty(arb, expectSameRun), { numRuns: 60 });
  });

  it.each([
    { seed: 42, commands: 400, days: 1 },
    { seed: 7, commands: 300, days: 0.5, contacts: "always", spacecraft: ["a", "b", "c"] },
    {
      seed: 11,
      commands: 250,
      durationMs: 4 * 3_600_000,
      spacecraft: ["sc-1", "sc-2"],
      downlink: { jitterMs: 4_000, lossRate: 0.05, duplicateRate: 0.1, conflictRate: 0.05 },
      sender: { batchSize: 3, maxPending: 5 },
    },
  ])("writes the services' trace byte for byte (seed $seed)", async (config) => {
    const services = await runServicesScenario(config);
    const fast = await runScenario(config);
    expect(toJsonLines(fast.trace ?? [])).toBe(toJsonLines(services.trace ?? []));
    expect(fast.violation).toBeNull();
  });

  it("runs by default, and leaves to the services what it cannot mirror", () => {
    expect(chooseEngine({ seed: 1, commands: 1 })).toBe("fast");
    expect(chooseEngine({ seed: 1, commands: 1, engine: "services" })).toBe("services");
    expect(chooseEngine({ seed: 1, commands: 1, lifecycle: new Lifecycle(defaultLifecycle) })).toBe("fast");
    const configure = { configure: () => {} };
    expect(chooseEngine({ seed: 1, commands: 1, ...configure })).toBe("services");
    const other = new Lifecycle(defineLifecycle({ ...defaultLifecycle, id: "other" }));
    expect(chooseEngine({ seed: 1, commands: 1, lifecycle: other })).toBe("services");
    expect(chooseEngine({ seed: 1, commands: 1, sender: { pollIntervalMs: 1_000 } })).toBe("services");
    expect(() => chooseEngine({ seed: 1, commands: 1, engine: "fast", ...configure })).toThrow(/configure/);
  });

  it("still lets a configure hook break the run on the services engine", async () => {
    const { violation } = await runScenario({
      seed: 21,
      commands: 40,
      durationMs: 6 * 3_600_000,
      contacts: "periodic:90m/10m",
      configure: (container) => container.register(CONTACT_PLAN, { useValue: new AlwaysContactPlan() }),
    });
    expect(violation?.invariant).toBe("transmit-in-contact");
  });
});
