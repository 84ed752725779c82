import {
  createGround,
  defaultLifecycle,
  defineLifecycle,
  dispatchOrderOf,
  GROUND,
  InMemoryTelecommandRepository,
  Lifecycle,
  TELECOMMAND_REPOSITORY,
} from "@uplink/core";
import type { DependencyContainer } from "tsyringe";
import { instanceCachingFactory } from "tsyringe";
import { beforeAll, describe, expect, it } from "vitest";
import { groundPorts } from "../../src/scenario/ground.js";
import { runScenario, type ScenarioResult } from "../../src/scenario/run-scenario.js";
import type { ScenarioConfig } from "../../src/scenario/scenario-config.js";

// The example run: `uplink-sim run --seed 7 --commands 2000 --days 2`.
const BASE: ScenarioConfig = {
  seed: 7,
  commands: 2_000,
  days: 2,
  downlink: { jitterMs: 2_000, lossRate: 0.01, duplicateRate: 0.05, conflictRate: 0.01 },
  keepTrace: false,
};

/**
 * The simulator decides nothing itself: a decision changed in core, through core's own API,
 * changes the simulated run. (Its second implementation of the domain used to give the same
 * trace whatever core decided.)
 */
describe("a decision changed in core changes the simulator's trace", () => {
  let baseline: ScenarioResult;
  beforeAll(async () => {
    baseline = await runScenario(BASE);
    expect(baseline.violation).toBeNull();
  });

  it("the dispatch order: oldest first, whatever the priority", async () => {
    const oldestFirst = dispatchOrderOf([{ field: "createdAt", direction: "asc" }]);
    const run = await runScenario({
      ...BASE,
      configure: (c: DependencyContainer) =>
        c.register(TELECOMMAND_REPOSITORY, {
          useFactory: instanceCachingFactory(
            () => new InMemoryTelecommandRepository({ keepHistory: false, dispatchOrder: oldestFirst }),
          ),
        }),
    });
    expect(run.summary.traceHash).not.toBe(baseline.summary.traceHash);
    // And the checker, which reads SPEC §2's order, sees a higher priority overtaken.
    expect(run.violation?.invariant).toBe("transmit-in-dispatch-order");
  });

  it("the lifecycle step: a completion report counts only after the acceptance report", async () => {
    const strict = defineLifecycle({
      ...defaultLifecycle,
      id: "acceptance-first",
      transitions: defaultLifecycle.transitions.filter(
        (t) => !(t.event === "COMPLETED" && (t.from as readonly string[]).includes("transmitted")),
      ),
    });
    const run = await runScenario({ ...BASE, lifecycle: new Lifecycle(strict) });
    expect(run.summary.traceHash).not.toBe(baseline.summary.traceHash);
    expect(run.violation).toBeNull();
    // A lost acceptance report now leaves the completion ignored, and the command times out.
    expect(run.summary.failureReasons.timed_out ?? 0).toBeGreaterThan(
      baseline.summary.failureReasons.timed_out ?? 0,
    );
  });

  it("the timeouts: an acceptance timeout shorter than the spacecraft's delays", async () => {
    const run = await runScenario({
      ...BASE,
      configure: (c: DependencyContainer) =>
        c.register(GROUND, {
          useFactory: instanceCachingFactory((r) =>
            createGround(groundPorts(r), { timeouts: { acceptanceMs: 1_000 } }),
          ),
        }),
    });
    expect(run.summary.traceHash).not.toBe(baseline.summary.traceHash);
    expect(run.summary.failureReasons.timed_out ?? 0).toBeGreaterThan(
      (baseline.summary.failureReasons.timed_out ?? 0) + 100,
    );
  });
});
