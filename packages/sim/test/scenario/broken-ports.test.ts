import { AlwaysContactPlan, CONTACT_PLAN, createGround, GROUND } from "@uplink/core";
import { instanceCachingFactory } from "tsyringe";
import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../src/invariants/check-invariants.js";
import { groundPorts } from "../../src/scenario/ground.js";
import { runScenario } from "../../src/scenario/run-scenario.js";

describe("the invariant checker catches broken ports", () => {
  it("names transmit-in-contact, with the command and the time, when the sender is told it is always in contact", async () => {
    const { trace, violation } = await runScenario({
      seed: 21,
      commands: 40,
      durationMs: 6 * 3_600_000,
      contacts: "periodic:90m/10m",
      // Only the sender's contact plan lies; the trace keeps the real windows.
      configure: (container) => container.register(CONTACT_PLAN, { useValue: new AlwaysContactPlan() }),
    });
    expect(violation?.invariant).toBe("transmit-in-contact");
    const report = checkInvariants(trace ?? []);
    expect(report.violation).toEqual(violation);
    const culprit = trace?.find(
      (r) => r.type === "transition" && r.id === violation?.commandId && r.to === "transmitted",
    );
    expect(culprit?.type === "transition" && culprit.at).toBe(violation?.at);
    // Really outside: the periodic plan's windows are the first 10 minutes of each 90.
    expect((violation?.at ?? 0) % 5_400_000).toBeGreaterThanOrEqual(600_000);
  });

  it("names bounded-time-to-final when the service waits far longer than the configured timeouts", async () => {
    const { violation, summary } = await runScenario({
      seed: 8,
      commands: 30,
      durationMs: 3_600_000,
      contacts: "always",
      downlink: { lossRate: 0.5 },
      configure: (container) =>
        container.register(GROUND, {
          useFactory: instanceCachingFactory((c) =>
            createGround(groundPorts(c), { timeouts: { acceptanceMs: 86_400_000, executionMs: 86_400_000 } }),
          ),
        }),
    });
    expect(violation?.invariant).toBe("bounded-time-to-final");
    expect(violation?.message).toMatch(/still (transmitted|acknowledged)/);
    expect(summary.downlink.gaps).toBeGreaterThan(0);
  });

  it("finds nothing wrong in the same runs with honest ports", async () => {
    const honest = await runScenario({
      seed: 21,
      commands: 40,
      durationMs: 6 * 3_600_000,
      contacts: "periodic:90m/10m",
    });
    expect(honest.violation).toBeNull();
    expect(honest.summary.sender.transmitted).toBeGreaterThan(0);
  });
});
