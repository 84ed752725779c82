/** Tuning of a {@link GroupCommit}. */
export interface GroupCommitOptions<I> {
  /** Most items per flush. */
  readonly maxBatch: number;
  /** Most flushes running at once (each holds one connection). */
  readonly maxInFlight: number;
  /**
   * Items with the same key never share a flush, and one waits until a flush holding its key
   * is done: callers' order per key is kept, and each statement touches a row once.
   */
  readonly keyOf: (item: I) => string;
  /**
   * While a flush is in flight, another starts only once this many items wait (default 1: at
   * once). Statements that serialize in the database (a hot row, NOTIFY's commit lock) gain
   * nothing from running side by side: a second small flush would only queue behind the first,
   * paying a whole statement for a few items. An idle database still gets each call at once.
   */
  readonly minBatchWhileBusy?: number;
}

interface Pending<I, O> {
  readonly item: I;
  readonly key: string;
  readonly resolve: (value: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: concurrent calls made while the database is busy are coalesced into one
 * statement (one transaction, one WAL flush, one round trip), each still getting its own
 * result. An idle database gets each call at once (after the current microtask, so that calls
 * issued together travel together). A failed flush fails only its own items.
 *
 * @example
 * const inserts = new GroupCommit((items: Row[]) => insertMany(items), { maxBatch: 500, maxInFlight: 4, keyOf: (r) => r.id });
 * const result = await inserts.submit(row);
 */
export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = [];
  private inFlight = 0;
  private readonly busyKeys = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly flush: (items: I[]) => Promise<O[]>,
    private readonly options: GroupCommitOptions<I>,
  ) {}

  /** Queues one item; resolves with its own result once its flush has committed. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, key: this.options.keyOf(item), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || !this.mayStart()) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.mayStart()) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.run(batch);
    }
  }

  /** Whether a flush may start now: a free slot, and enough waiting items to be worth it. */
  private mayStart(): boolean {
    if (this.queue.length === 0 || this.inFlight >= this.options.maxInFlight) return false;
    return this.inFlight === 0 || this.queue.length >= (this.options.minBatchWhileBusy ?? 1);
  }

  /** Takes the oldest items whose keys are free, at most one per key. */
  private take(): Pending<I, O>[] {
    const batch: Pending<I, O>[] = [];
    const rest: Pending<I, O>[] = [];
    const keys = new Set<string>();
    for (const pending of this.queue) {
      if (batch.length < this.options.maxBatch && !keys.has(pending.key) && !this.busyKeys.has(pending.key)) {
        keys.add(pending.key);
        batch.push(pending);
      } else {
        rest.push(pending);
      }
    }
    this.queue = rest;
    return batch;
  }

  private run(batch: Pending<I, O>[]): void {
    this.inFlight++;
    for (const p of batch) this.busyKeys.add(p.key);
    const settle = () => {
      this.inFlight--;
      for (const p of batch) this.busyKeys.delete(p.key);
      this.schedule();
    };
    let flushed: Promise<O[]>;
    try {
      flushed = this.flush(batch.map((p) => p.item));
    } catch (error) {
      flushed = Promise.reject(error);
    }
    flushed.then(
      (results) => {
        settle();
        if (results.length !== batch.length) {
          const error = new Error(`group commit: ${results.length} results for ${batch.length} items`);
          for (const p of batch) p.reject(error);
          return;
        }
        batch.forEach((p, i) => {
          p.resolve(results[i] as O);
        });
      },
      (error: unknown) => {
        settle();
        for (const p of batch) p.reject(error);
      },
    );
  }
}
