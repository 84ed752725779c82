import type { DictionaryStore, StoredDictionary } from "../ports/dictionary-store.js";

/** The case-insensitive key of a mission. */
export function missionKey(mission: string): string {
  return mission.toLowerCase();
}

/**
 * Core's in-memory {@link DictionaryStore}: answers at once, for the simulator, tests and
 * embeddings without a database.
 *
 * @example
 * const store = new InMemoryDictionaryStore();
 */
export class InMemoryDictionaryStore implements DictionaryStore {
  private readonly entries = new Map<string, StoredDictionary>();

  put(entry: StoredDictionary): void {
    this.entries.set(missionKey(entry.mission), entry);
  }

  get(mission: string): StoredDictionary | null {
    return this.entries.get(missionKey(mission)) ?? null;
  }

  versionOf(mission: string): string | null {
    return this.entries.get(missionKey(mission))?.version ?? null;
  }

  list(): StoredDictionary[] {
    return [...this.entries.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, entry]) => entry);
  }
}
