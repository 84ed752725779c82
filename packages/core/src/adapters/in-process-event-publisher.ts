import type { EventPublisher } from "../ports/event-publisher.js";
import type { TransitionEvent } from "../types.js";

export type TransitionListener = (event: TransitionEvent) => void;

/**
 * Fans transitions out to in-process listeners. A listener that throws is isolated: the
 * others still run and the publisher never throws.
 */
export class InProcessEventPublisher implements EventPublisher {
  private readonly listeners = new Set<TransitionListener>();

  publish(event: TransitionEvent): void {
    // Iterating even an empty set makes an iterator; most transitions have nobody listening.
    if (this.listeners.size === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not undo a stored transition or starve the others.
      }
    }
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: TransitionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
