import { defineLifecycle } from "./lifecycle-definition.js";

/**
 * The lifecycle of SPEC §1: ready → transmitted → acknowledged → executed | failed, or
 * cancelled while ready. A completion report before the acceptance report still ends
 * `executed` (acknowledgement implied).
 */
export const defaultLifecycle = defineLifecycle({
  id: "default",
  initial: "ready",
  states: {
    ready: { kind: "queued", rank: 0 },
    transmitted: { kind: "transmitted", rank: 1, timeout: "acceptance" },
    acknowledged: { kind: "acknowledged", rank: 2, timeout: "execution" },
    executed: { kind: "executed", rank: 10 },
    failed: { kind: "failed", rank: 10 },
    cancelled: { kind: "cancelled", rank: 10 },
  },
  transitions: [
    { event: "TRANSMIT", from: ["ready"], to: "transmitted" },
    { event: "CANCEL", from: ["ready"], to: "cancelled" },
    { event: "EXPIRE", from: ["ready"], to: "failed", failureReason: "expired" },
    { event: "INHIBIT", from: ["ready"], to: "failed", failureReason: "inhibited" },
    { event: "LINK_ERROR", from: ["transmitted"], to: "failed", failureReason: "link_error" },
    { event: "ACCEPTED", from: ["transmitted"], to: "acknowledged" },
    { event: "REJECTED", from: ["transmitted"], to: "failed", failureReason: "rejected" },
    {
      event: "COMPLETED",
      from: ["transmitted"],
      to: "executed",
      note: "completion reported before acceptance (acknowledgement implied)",
    },
    { event: "COMPLETED", from: ["acknowledged"], to: "executed" },
    {
      event: "COMPLETION_FAILED",
      from: ["transmitted", "acknowledged"],
      to: "failed",
      failureReason: "completion_failed",
    },
    {
      event: "TIMEOUT",
      from: ["transmitted"],
      to: "failed",
      failureReason: "timed_out",
      note: "no acceptance report in time",
    },
    {
      event: "TIMEOUT",
      from: ["acknowledged"],
      to: "failed",
      failureReason: "timed_out",
      note: "no completion report in time",
    },
  ],
});
