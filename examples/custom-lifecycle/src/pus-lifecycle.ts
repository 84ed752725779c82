import { defaultLifecycle, defineLifecycle, type TransitionDefinition } from "@uplink/core";

const renamed = (name: string): string => (name === "ready" ? "queued" : name);

/**
 * A PUS-style lifecycle (ECSS-E-ST-70-41C service 1): the default one with `ready` renamed to
 * `queued` and a `started` stage, reported by the spacecraft's start-of-execution report,
 * between `acknowledged` and `executed`. Built from the default definition: no fork of the core.
 */
export const pusLifecycle = defineLifecycle({
  id: "pus-service-1",
  initial: "queued",
  states: {
    pending_approval: defaultLifecycle.states.pending_approval,
    queued: { kind: "queued", rank: 0 },
    transmitted: defaultLifecycle.states.transmitted,
    acknowledged: defaultLifecycle.states.acknowledged,
    started: { kind: "progress", rank: 3, timeout: "execution" },
    executed: defaultLifecycle.states.executed,
    failed: defaultLifecycle.states.failed,
    cancelled: defaultLifecycle.states.cancelled,
  },
  transitions: [
    ...defaultLifecycle.transitions.map(
      (t): TransitionDefinition => ({ ...t, from: t.from.map(renamed), to: renamed(t.to) }),
    ),
    {
      event: "STARTED",
      from: ["transmitted", "acknowledged"],
      to: "started",
      note: "start of execution reported",
    },
    { event: "COMPLETED", from: ["started"], to: "executed" },
    { event: "COMPLETION_FAILED", from: ["started"], to: "failed", failureReason: "completion_failed" },
    {
      event: "TIMEOUT",
      from: ["started"],
      to: "failed",
      failureReason: "timed_out",
      note: "no completion report in time",
    },
  ],
});
