import type { CommandColumns } from "./command-columns.js";
import { IntHeap } from "./int-heap.js";

/**
 * The claim index of the in-memory repository, in numbers: per spacecraft, the queued commands
 * nobody leased in dispatch order (priority, then age, then id) and, apart, those whose
 * `notBefore` is still ahead, moved over once it passes. A claim therefore returns what core's
 * `DispatchIndex` returns — the first `limit` claimable commands in dispatch order — without
 * popping and pushing back the ones that must wait.
 */
export class DispatchQueues {
  /** In a queued status (leased or not). */
  readonly queued: Uint8Array;
  readonly leased: Uint8Array;
  private readonly ready: IntHeap[] = [];
  private readonly future: IntHeap[] = [];
  private readonly queuedCount: Int32Array;
  /** Spacecraft indexes sorted by id, as `spacecraftWithQueued` answers. */
  private readonly byId: number[];
  /** Claimed by the last {@link claim}. */
  readonly claimed: number[] = [];

  constructor(
    private readonly c: CommandColumns,
    spacecraftIds: readonly string[],
    capacity: number,
  ) {
    this.queued = new Uint8Array(Math.max(capacity, 1));
    this.leased = new Uint8Array(Math.max(capacity, 1));
    this.queuedCount = new Int32Array(spacecraftIds.length);
    const { priority, createdAt, ids, notBefore } = c;
    const dispatchBefore = (a: number, b: number): boolean => {
      const pa = priority[a] as number;
      const pb = priority[b] as number;
      if (pa !== pb) return pa > pb;
      const ca = createdAt[a] as number;
      const cb = createdAt[b] as number;
      if (ca !== cb) return ca < cb;
      return (ids[a] as string) < (ids[b] as string);
    };
    const notBeforeFirst = (a: number, b: number): boolean =>
      (notBefore[a] as number) < (notBefore[b] as number);
    for (let i = 0; i < spacecraftIds.length; i++) {
      this.ready.push(new IntHeap(dispatchBefore));
      this.future.push(new IntHeap(notBeforeFirst));
    }
    this.byId = spacecraftIds.map((_, i) => i).sort((a, b) => cmp(spacecraftIds[a], spacecraftIds[b]));
  }

  /** A command entered the queued status. */
  put(i: number): void {
    this.queued[i] = 1;
    this.count(i, 1);
    this.enqueue(i);
  }

  /** A command left the queued status. */
  remove(i: number): void {
    if (this.queued[i] === 0) return;
    this.queued[i] = 0;
    this.leased[i] = 0;
    this.count(i, -1);
  }

  /** Gives a lease back: the command is claimable again. */
  release(i: number): void {
    if (this.leased[i] === 0) return;
    this.leased[i] = 0;
    if (this.queued[i] === 1) this.enqueue(i);
  }

  /** Leases the first `limit` claimable commands of these spacecraft at `now` into {@link claimed}. */
  claim(now: number, limit: number, spacecraft: readonly number[]): void {
    const claimed = this.claimed;
    claimed.length = 0;
    for (const s of spacecraft) this.promote(s, now);
    while (claimed.length < limit) {
      let best: IntHeap | null = null;
      let bestTop = -1;
      for (const s of spacecraft) {
        const heap = this.ready[s] as IntHeap;
        let top = heap.peek();
        while (top >= 0 && !this.claimable(top)) {
          heap.pop();
          top = heap.peek();
        }
        if (top >= 0 && (best === null || this.before(top, bestTop))) {
          best = heap;
          bestTop = top;
        }
      }
      if (best === null) break;
      best.pop();
      this.leased[bestTop] = 1;
      claimed.push(bestTop);
    }
  }

  /** Spacecraft with a queued command, sorted by id (into `out`). */
  spacecraftWithQueued(out: number[]): void {
    out.length = 0;
    for (const s of this.byId) if ((this.queuedCount[s] as number) > 0) out.push(s);
  }

  /** The earliest `notBefore` after `now` of a queued command, or NaN. */
  nextNotBefore(now: number): number {
    let next = Number.NaN;
    for (let s = 0; s < this.future.length; s++) {
      this.promote(s, now);
      const heap = this.future[s] as IntHeap;
      const top = heap.peek();
      if (top >= 0) {
        const at = this.c.notBefore[top] as number;
        if (!(at >= next)) next = at;
      }
    }
    return next;
  }

  private before(a: number, b: number): boolean {
    const { priority, createdAt, ids } = this.c;
    const pa = priority[a] as number;
    const pb = priority[b] as number;
    if (pa !== pb) return pa > pb;
    const ca = createdAt[a] as number;
    const cb = createdAt[b] as number;
    if (ca !== cb) return ca < cb;
    return (ids[a] as string) < (ids[b] as string);
  }

  private count(i: number, by: number): void {
    const s = this.c.spacecraft[i] as number;
    this.queuedCount[s] = (this.queuedCount[s] as number) + by;
  }

  private claimable(i: number): boolean {
    return this.queued[i] === 1 && this.leased[i] === 0;
  }

  private enqueue(i: number): void {
    const s = this.c.spacecraft[i] as number;
    // A notBefore at or before every later `now` asked about goes straight to the claimable heap.
    if (!Number.isNaN(this.c.notBefore[i] as number)) (this.future[s] as IntHeap).push(i);
    else (this.ready[s] as IntHeap).push(i);
  }

  /** Moves commands whose notBefore has come (and drops dead ones) from the waiting heap. */
  private promote(s: number, now: number): void {
    const future = this.future[s] as IntHeap;
    const ready = this.ready[s] as IntHeap;
    for (let top = future.peek(); top >= 0; top = future.peek()) {
      if (!this.claimable(top)) future.pop();
      else if ((this.c.notBefore[top] as number) <= now) ready.push(future.pop());
      else break;
    }
  }
}

function cmp(a: string | undefined, b: string | undefined): number {
  return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
}
