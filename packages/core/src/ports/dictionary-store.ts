import type { Awaitable } from "../awaitable.js";
import type { Dictionary } from "../dictionary/dictionary.js";
import type { Instant } from "../types.js";

/** A mission's current dictionary as stored: the validated document, its version and when it was put. */
export interface StoredDictionary {
  /** As the dictionary spells it; missions are matched case-insensitively. */
  readonly mission: string;
  readonly version: string;
  readonly dictionary: Dictionary;
  readonly updatedAt: Instant;
}

/**
 * The missions' current dictionaries (SPEC §9), one per mission, matched case-insensitively
 * (`Demo` and `demo` are one mission, as in the fleet's registry). Every method is atomic.
 * Answers are {@link Awaitable}: the in-memory adapter answers at once (the simulator), the
 * database with promises.
 *
 * @example
 * await store.put({ mission: "demo", version, dictionary, updatedAt: clock.now() });
 * (await store.get("DEMO"))?.version; // version
 */
export interface DictionaryStore {
  /** Replaces the mission's dictionary (the one whose mission matches case-insensitively). */
  put(entry: StoredDictionary): Awaitable<void>;
  get(mission: string): Awaitable<StoredDictionary | null>;
  /** The version of the mission's dictionary, or null: a cheap read to tell whether a cached copy is current. */
  versionOf(mission: string): Awaitable<string | null>;
  /** Every mission's dictionary, by mission alphabetically (case-insensitive). */
  list(): Awaitable<StoredDictionary[]>;
}

export const DICTIONARY_STORE = Symbol.for("uplink.DictionaryStore");
