import { ValidationError } from "../errors.js";

/**
 * A spacecraft's queue (SPEC §10): `open` (the default), `held` (submissions are accepted and
 * wait; nothing is sent), `closed` (new submissions are refused; queued commands wait).
 */
export type QueueState = "open" | "held" | "closed";

export const QUEUE_STATES: readonly QueueState[] = Object.freeze(["open", "held", "closed"]);

/**
 * Checks the body of `POST /api/spacecraft/:id/queue`: `{state}`, one of {@link QUEUE_STATES};
 * anything else throws a {@link ValidationError} naming the field.
 *
 * @example
 * parseQueueState({ state: "held" }); // "held"
 */
export function parseQueueState(input: unknown): QueueState {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ValidationError("body", "must be a JSON object {state}", "type");
  }
  for (const key of Object.keys(input)) {
    if (key !== "state") throw new ValidationError(key, "is not a known field", "unknown_field");
  }
  const state = (input as { state?: unknown }).state;
  if (typeof state !== "string" || !QUEUE_STATES.includes(state as QueueState)) {
    throw new ValidationError("state", `must be one of ${QUEUE_STATES.join(", ")}`, "enum");
  }
  return state as QueueState;
}
