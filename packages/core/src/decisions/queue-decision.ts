import type { QueueState } from "../queues/queue-states.js";

/**
 * SPEC §10's queue rules, the one place they are written. A submission is accepted unless its
 * spacecraft's queue is `closed`.
 */
export function queueAccepts(state: QueueState): boolean {
  return state !== "closed";
}

/** A command of a spacecraft is sent only while its queue is `open`: held and closed queues wait. */
export function queueSends(state: QueueState): boolean {
  return state === "open";
}
