import type { TraceHeader, TraceTransition } from "../../src/trace/trace-record.js";

/** When the invariant tests' hand-written traces start. */
export const T0 = Date.UTC(2030, 0, 1);

/** The header of a hand-written trace: seed 1 from {@link T0}, default lifecycle and timeouts. */
export const TRACE_HEADER: TraceHeader = {
  type: "header",
  seed: 1,
  start: T0,
  lifecycle: "default",
  acceptanceTimeoutMs: 60_000,
  executionTimeoutMs: 300_000,
  transmitDelayMaxMs: 30_000,
  leaseMs: 60_000,
};

/** A transition by the sender, not ignored and without reason, unless `fields` say otherwise. */
export function transitionRecord(
  fields: Pick<TraceTransition, "id" | "at" | "seq" | "eventId" | "from" | "to"> & Partial<TraceTransition>,
): TraceTransition {
  return {
    type: "transition",
    reason: null,
    source: "sender",
    actor: "sender",
    ignored: false,
    failureReason: null,
    ...fields,
  };
}
