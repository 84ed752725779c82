import { type Awaitable, andThen, isPromiseLike } from "../awaitable.js";
import type { Clock } from "../ports/clock.js";
import type { QueueStateStore } from "../ports/queue-state-store.js";
import { parseQueueState, type QueueState } from "./queue-states.js";

/** How the catalog caches. */
export interface QueueCatalogOptions {
  /**
   * How long a spacecraft's queue state is used before it is read again (default 1 000 ms): a
   * change through this catalog is seen at once, one by another process within this time.
   */
  readonly refreshMs?: number;
}

interface CacheEntry {
  readonly state: QueueState;
  checkedAt: number;
}

/**
 * The spacecraft's queue states as submissions and senders use them (SPEC §10): validated when
 * set, cached, read again from the store once older than `refreshMs`. Listeners hear every
 * change made through it, so that a sender resumes at once when a queue opens.
 *
 * @example
 * const queues = new QueueCatalog(new InMemoryQueueStateStore(), clock);
 * queues.set("sc-1", { state: "held" });
 */
export class QueueCatalog {
  private readonly refreshMs: number;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly listeners: ((spacecraftId: string, state: QueueState) => void)[] = [];

  constructor(
    private readonly store: QueueStateStore,
    private readonly clock: Clock,
    options: QueueCatalogOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 1_000;
  }

  /** Validates (`{state}`) and sets a spacecraft's queue state; a `ValidationError` changes nothing. */
  set(spacecraftId: string, input: unknown): Awaitable<QueueState> {
    const state = parseQueueState(input);
    return andThen(this.store.put(spacecraftId, state), () => {
      this.cache.set(spacecraftId, { state, checkedAt: this.clock.now() });
      for (const listener of this.listeners) listener(spacecraftId, state);
      return state;
    });
  }

  /** Hears every change made through this catalog. */
  onChange(listener: (spacecraftId: string, state: QueueState) => void): void {
    this.listeners.push(listener);
  }

  /** A spacecraft's queue state: at once while the cached copy is fresh, else read again. */
  current(spacecraftId: string): Awaitable<QueueState> {
    const cached = this.cache.get(spacecraftId);
    const now = this.clock.now();
    if (cached !== undefined && now - cached.checkedAt < this.refreshMs) return cached.state;
    const read = this.store.get(spacecraftId);
    const remember = (state: QueueState): QueueState => {
      this.cache.set(spacecraftId, { state, checkedAt: now });
      return state;
    };
    return isPromiseLike(read) ? Promise.resolve(read).then(remember) : remember(read);
  }
}
