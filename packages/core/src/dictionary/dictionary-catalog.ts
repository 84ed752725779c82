import { missionKey } from "../adapters/in-memory-dictionary-store.js";
import { type Awaitable, andThen } from "../awaitable.js";
import { DictionaryError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { DictionaryStore, StoredDictionary } from "../ports/dictionary-store.js";
import { type CompiledDictionary, compileDictionary } from "./compile-dictionary.js";
import { dictionaryVersion } from "./dictionary-version.js";
import { parseDictionary } from "./parse-dictionary.js";

/** How the catalog caches. */
export interface DictionaryCatalogOptions {
  /**
   * How long a compiled dictionary is used before the store is asked whether its version is
   * still current (default 1 000 ms): a put through this catalog is seen at once, a put by
   * another process within this time. 0 asks on every submission.
   */
  readonly refreshMs?: number;
}

interface CacheEntry {
  readonly version: string | null;
  readonly compiled: CompiledDictionary | null;
  checkedAt: number;
}

/**
 * The missions' dictionaries as submissions use them: validated and versioned when put,
 * compiled once per version and cached, so that a check costs a map lookup (SPEC §9).
 *
 * @example
 * const catalog = new DictionaryCatalog(new InMemoryDictionaryStore(), clock);
 * catalog.put("demo", JSON.parse(text));
 * const compiled = await catalog.compiled("demo"); // null for a mission without one
 */
export class DictionaryCatalog {
  private readonly refreshMs: number;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly store: DictionaryStore,
    private readonly clock: Clock,
    options: DictionaryCatalogOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 1_000;
  }

  /**
   * Validates a whole document and makes it the mission's dictionary; a document that breaks
   * the shape throws a {@link DictionaryError} and the previous dictionary stays. A document
   * without `mission` takes `mission`; one naming another mission is refused.
   */
  put(mission: string, document: unknown, source?: string): Awaitable<StoredDictionary> {
    const named =
      document !== null &&
      typeof document === "object" &&
      !Array.isArray(document) &&
      !("mission" in document)
        ? { mission, ...document }
        : document;
    const dictionary = parseDictionary(named, source);
    if (missionKey(dictionary.mission) !== missionKey(mission)) {
      throw new DictionaryError("mission", `names mission ${dictionary.mission}, not ${mission}`, source);
    }
    const entry: StoredDictionary = {
      mission: dictionary.mission,
      version: dictionaryVersion(dictionary),
      dictionary,
      updatedAt: this.clock.now(),
    };
    return andThen(this.store.put(entry), () => {
      this.remember(entry.mission, entry.version, compileDictionary(dictionary));
      return entry;
    });
  }

  get(mission: string): Awaitable<StoredDictionary | null> {
    return this.store.get(mission);
  }

  list(): Awaitable<StoredDictionary[]> {
    return this.store.list();
  }

  /** The mission's compiled dictionary, or null when it has none (or `mission` is null). */
  compiled(mission: string | null): Awaitable<CompiledDictionary | null> {
    if (mission === null) return null;
    const key = missionKey(mission);
    const cached = this.cache.get(key);
    const now = this.clock.now();
    if (cached !== undefined && now - cached.checkedAt < this.refreshMs) return cached.compiled;
    return andThen(this.store.versionOf(mission), (version) => {
      if (cached !== undefined && cached.version === version) {
        cached.checkedAt = now;
        return cached.compiled;
      }
      if (version === null) return this.remember(mission, null, null);
      return andThen(this.store.get(mission), (stored) =>
        stored === null
          ? this.remember(mission, null, null)
          : this.remember(mission, stored.version, compileDictionary(stored.dictionary)),
      );
    });
  }

  private remember(mission: string, version: string | null, compiled: CompiledDictionary | null) {
    this.cache.set(missionKey(mission), { version, compiled, checkedAt: this.clock.now() });
    return compiled;
  }
}
