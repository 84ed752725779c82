import { defaultLifecycle } from "../../src/lifecycle/default-lifecycle.js";
import { defineLifecycle } from "../../src/lifecycle/lifecycle-definition.js";

/** A PUS-style lifecycle: a `started` stage between acknowledged and executed, with a renamed queue. */
export const pusLifecycle = defineLifecycle({
  id: "pus",
  initial: "queued",
  states: {
    pending_approval: { kind: "approval", rank: -1 },
    queued: { kind: "queued", rank: 0 },
    transmitted: { kind: "transmitted", rank: 1, timeout: "acceptance" },
    acknowledged: { kind: "acknowledged", rank: 2, timeout: "execution" },
    started: { kind: "progress", rank: 3, timeout: "execution" },
    executed: { kind: "executed", rank: 10 },
    failed: { kind: "failed", rank: 10 },
    cancelled: { kind: "cancelled", rank: 10 },
  },
  transitions: [
    ...defaultLifecycle.transitions.map((t) => ({
      ...t,
      from: t.from.map((f) => (f === "ready" ? "queued" : f)),
      to: t.to === "ready" ? "queued" : t.to,
    })),
    { event: "STARTED", from: ["transmitted", "acknowledged"], to: "started" },
    { event: "COMPLETED", from: ["started"], to: "executed" },
    { event: "COMPLETION_FAILED", from: ["started"], to: "failed", failureReason: "completion_failed" },
    { event: "TIMEOUT", from: ["started"], to: "failed", failureReason: "timed_out" },
  ],
});
