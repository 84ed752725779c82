import type { Awaitable } from "../awaitable.js";
import type { QueueState } from "../queues/queue-states.js";

/**
 * Each spacecraft's queue state (SPEC §10); a spacecraft never given one is `open`. Every
 * method is atomic. Answers are {@link Awaitable}: the in-memory adapter answers at once (the
 * simulator), the database with promises.
 *
 * @example
 * await store.put("sc-1", "held");
 * await store.get("sc-1"); // "held"
 */
export interface QueueStateStore {
  /** Sets the spacecraft's queue state. */
  put(spacecraftId: string, state: QueueState): Awaitable<void>;
  /** The spacecraft's queue state; `open` when it has none. */
  get(spacecraftId: string): Awaitable<QueueState>;
}

export const QUEUE_STATE_STORE = Symbol.for("uplink.QueueStateStore");
