import { checkInvariants, describeViolation, runScenario } from "@uplink/sim";
import { arbScenario } from "@uplink/sim/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MISSION_SETTINGS,
  PASS_EPOCH,
  PREDICTED_CONTACTS,
  SCHEDULED_CONTACTS,
  SPACECRAFT,
} from "../src/mission.js";

/** Runs a generated scenario and fails with the first broken invariant, named. */
async function holds(scenario: Parameters<typeof runScenario>[0]): Promise<void> {
  const { trace, summary } = await runScenario(scenario);
  const report = checkInvariants(trace ?? []);
  if (report.violation) throw new Error(describeViolation(report.violation));
  // Submissions refused as inhibited or by a closed queue (arbScenario may seed inhibit and
  // queue changes) are never stored.
  expect(report.commands).toBe(
    scenario.commands - summary.inhibitedAtSubmission - summary.queueClosedAtSubmission,
  );
}

describe("our command plan against our contact schedule", () => {
  it("keeps every lifecycle invariant in 300 random scenarios on the scheduled contacts", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbScenario({ contacts: SCHEDULED_CONTACTS, spacecraft: SPACECRAFT, overrides: MISSION_SETTINGS }),
        holds,
      ),
      { numRuns: 300 },
    );
  });

  it("keeps every lifecycle invariant in 100 random scenarios on predicted passes", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbScenario({
          contacts: PREDICTED_CONTACTS,
          spacecraft: SPACECRAFT,
          maxDurationMs: 12 * 3_600_000,
          overrides: { ...MISSION_SETTINGS, start: PASS_EPOCH },
        }),
        holds,
      ),
      { numRuns: 100 },
    );
  });
});
