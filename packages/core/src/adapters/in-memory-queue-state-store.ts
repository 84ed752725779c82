import type { QueueStateStore } from "../ports/queue-state-store.js";
import type { QueueState } from "../queues/queue-states.js";

/**
 * Core's in-memory {@link QueueStateStore}: answers at once, for the simulator and tests.
 *
 * @example
 * const store = new InMemoryQueueStateStore();
 */
export class InMemoryQueueStateStore implements QueueStateStore {
  private readonly states = new Map<string, QueueState>();

  put(spacecraftId: string, state: QueueState): void {
    this.states.set(spacecraftId, state);
  }

  get(spacecraftId: string): QueueState {
    return this.states.get(spacecraftId) ?? "open";
  }
}
