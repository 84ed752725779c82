import { defineLifecycle } from "./lifecycle-definition.js";

/**
 * The lifecycle of SPEC §1: ready → transmitted → acknowledged → executed | failed, or
 * cancelled while ready. A completion report before the acceptance report still ends
 * `executed` (acknowledgement implied). A command that needs a second person's approval
 * (SPEC §10) starts in `pending_approval`: approved, it becomes `ready`; rejected or
 * cancelled, `cancelled`; it expires there as in `ready`, and is never sent from it.
 */
export const defaultLifecycle = defineLifecycle({
  id: "default",
  initial: "ready",
  states: {
    pending_approval: { kind: "approval", rank: -1 },
    ready: { kind: "queued", rank: 0 },
    transmitted: { kind: "transmitted", rank: 1, timeout: "acceptance" },
    acknowledged: { kind: "acknowledged", rank: 2, timeout: "execution" },
    executed: { kind: "executed", rank: 10 },
    failed: { kind: "failed", rank: 10 },
    cancelled: { kind: "cancelled", rank: 10 },
  },
  transitions: [
    { event: "TRANSMIT", from: ["ready"], to: "transmitted" },
    { event: "APPROVE", from: ["pending_approval"], to: "ready", note: "approved" },
    { event: "REJECT", from: ["pending_approval"], to: "cancelled", note: "rejected" },
    { event: "CANCEL", from: ["pending_approval", "ready"], to: "cancelled" },
    { event: "EXPIRE", from: ["pending_approval", "ready"], to: "failed", failureReason: "expired" },
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
