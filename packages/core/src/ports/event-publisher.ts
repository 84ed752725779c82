import type { TransitionEvent } from "../types.js";

/**
 * Where services announce applied (and ignored) transitions after they are stored: logs,
 * metrics, Server-Sent Events, the simulator's trace. Publishing must not throw.
 */
export interface EventPublisher {
  publish(event: TransitionEvent): void;
}

export const EVENT_PUBLISHER = Symbol.for("uplink.EventPublisher");
