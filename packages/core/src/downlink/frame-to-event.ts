import type { LifecycleEvent } from "../lifecycle/lifecycle-definition.js";
import type { DownlinkFrame } from "../types.js";

/**
 * Turns a verification-report frame into the lifecycle event it reports, or null when the frame
 * reports nothing the lifecycle knows (it is then counted as `unknownType`). Telemetry frames
 * never reach it.
 */
export type FrameToEvent = (frame: DownlinkFrame) => LifecycleEvent | null;

/**
 * The default lifecycle's mapping (SPEC §3): acceptance success → `ACCEPTED`, acceptance
 * failure → `REJECTED`, completion success → `COMPLETED`, completion failure →
 * `COMPLETION_FAILED`; the frame's `reason` goes with the event. A mission that adds report
 * types wraps it.
 *
 * @example
 * const toEvent: FrameToEvent = (frame) =>
 *   frame.type === "start" ? { type: "STARTED" } : defaultFrameToEvent(frame);
 */
export function defaultFrameToEvent(frame: DownlinkFrame): LifecycleEvent | null {
  switch (frame.type) {
    case "acceptance":
      return frame.success ? ACCEPTED : withReason("REJECTED", frame.reason);
    case "completion":
      return frame.success ? COMPLETED : withReason("COMPLETION_FAILED", frame.reason);
    default:
      return null;
  }
}

// Shared, frozen: the in-order fast path allocates nothing for success reports.
const ACCEPTED: LifecycleEvent = Object.freeze({ type: "ACCEPTED" });
const COMPLETED: LifecycleEvent = Object.freeze({ type: "COMPLETED" });

function withReason(type: string, reason: string | undefined): LifecycleEvent {
  return reason === undefined ? { type } : { type, reason };
}
