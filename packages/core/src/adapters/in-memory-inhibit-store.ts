import { type Inhibits, NO_INHIBITS } from "../inhibits/inhibits.js";
import type { InhibitStore } from "../ports/inhibit-store.js";

/**
 * Core's in-memory {@link InhibitStore}: answers at once, for the simulator and tests.
 *
 * @example
 * const store = new InMemoryInhibitStore();
 */
export class InMemoryInhibitStore implements InhibitStore {
  private readonly entries = new Map<string, Inhibits>();

  put(spacecraftId: string, inhibits: Inhibits): void {
    this.entries.set(spacecraftId, {
      categories: [...inhibits.categories],
      commands: [...inhibits.commands],
    });
  }

  get(spacecraftId: string): Inhibits {
    return this.entries.get(spacecraftId) ?? NO_INHIBITS;
  }
}
