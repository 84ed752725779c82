import { type Awaitable, andThen, isPromiseLike } from "../awaitable.js";
import { InhibitSet } from "../decisions/inhibit-decision.js";
import type { Clock } from "../ports/clock.js";
import type { InhibitStore } from "../ports/inhibit-store.js";
import { type Inhibits, parseInhibits } from "./inhibits.js";

/** How the catalog caches. */
export interface InhibitCatalogOptions {
  /**
   * How long a spacecraft's inhibits are used before they are read again (default 1 000 ms): a
   * put through this catalog is seen at once, one by another process within this time.
   */
  readonly refreshMs?: number;
}

interface CacheEntry {
  readonly set: InhibitSet;
  checkedAt: number;
}

/**
 * The spacecraft's inhibits as the submission checks and the sender use them: validated when
 * put, kept as {@link InhibitSet}s and read again from the store once older than `refreshMs`.
 *
 * @example
 * const inhibits = new InhibitCatalog(new InMemoryInhibitStore(), clock);
 * inhibits.put("sc-1", { categories: ["propulsion"] });
 */
export class InhibitCatalog {
  private readonly refreshMs: number;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly store: InhibitStore,
    private readonly clock: Clock,
    options: InhibitCatalogOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 1_000;
  }

  /** Validates and replaces a spacecraft's inhibits (a `ValidationError` changes nothing). */
  put(spacecraftId: string, input: unknown): Awaitable<Inhibits> {
    const inhibits = parseInhibits(input);
    return andThen(this.store.put(spacecraftId, inhibits), () => {
      this.cache.set(spacecraftId, { set: new InhibitSet(inhibits), checkedAt: this.clock.now() });
      return inhibits;
    });
  }

  /** A spacecraft's inhibits, as stored. */
  get(spacecraftId: string): Awaitable<Inhibits> {
    return this.store.get(spacecraftId);
  }

  /** A spacecraft's inhibits as a set: at once while the cached copy is fresh, else read again. */
  current(spacecraftId: string): Awaitable<InhibitSet> {
    const cached = this.cache.get(spacecraftId);
    const now = this.clock.now();
    if (cached !== undefined && now - cached.checkedAt < this.refreshMs) return cached.set;
    const read = this.store.get(spacecraftId);
    const remember = (inhibits: Inhibits): InhibitSet => {
      const set =
        cached !== undefined && same(cached.set.inhibits, inhibits) ? cached.set : new InhibitSet(inhibits);
      this.cache.set(spacecraftId, { set, checkedAt: now });
      return set;
    };
    return isPromiseLike(read) ? Promise.resolve(read).then(remember) : remember(read);
  }
}

function same(a: Inhibits, b: Inhibits): boolean {
  return (
    a.categories.join("\n") === b.categories.join("\n") && a.commands.join("\n") === b.commands.join("\n")
  );
}
