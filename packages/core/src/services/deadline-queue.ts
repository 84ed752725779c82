import type { Instant } from "../types.js";

/** A run of entries in non-decreasing order, consumed from `head`, as two parallel arrays. */
interface Lane {
  ats: Instant[];
  ids: string[];
  head: number;
}

const MAX_LANES = 8;

/**
 * A priority queue of deadlines (earliest first, ties in any order), built for how deadlines
 * arrive: each is `now + a fixed timeout`, so the entries of one timeout come in order. Each
 * such stream becomes a FIFO lane, making push and pop O(1) with a handful of lanes; an entry
 * that fits no lane (start-up recovery, expiries at `notAfter`, retries) opens a new lane, or
 * is inserted in order into one once there are `MAX_LANES`. Entries are two numbers' worth in
 * arrays, not an object each. Entries are never removed early: the timeout watcher skips stale
 * ones when they surface.
 */
export class DeadlineQueue {
  private lanes: Lane[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(at: Instant, id: string): void {
    let best: Lane | undefined;
    let bestTail = Number.NEGATIVE_INFINITY;
    for (const lane of this.lanes) {
      const tail = lane.ats[lane.ats.length - 1] as Instant;
      if (tail <= at && tail >= bestTail) {
        best = lane;
        bestTail = tail;
      }
    }
    this.count++;
    if (best) {
      best.ats.push(at);
      best.ids.push(id);
    } else if (this.lanes.length < MAX_LANES) {
      this.lanes.push({ ats: [at], ids: [id], head: 0 });
    } else {
      insertInOrder(this.lanes[0] as Lane, at, id);
    }
  }

  /** The earliest deadline, or +Infinity when the queue is empty. */
  peekAt(): Instant {
    const lane = this.earliestLane();
    return lane === undefined ? Number.POSITIVE_INFINITY : (lane.ats[lane.head] as Instant);
  }

  /** The command of the earliest deadline, or undefined when the queue is empty. */
  peekId(): string | undefined {
    const lane = this.earliestLane();
    return lane?.ids[lane.head];
  }

  /** Removes the earliest entry (no-op when empty). */
  pop(): void {
    const lane = this.earliestLane();
    if (!lane) return;
    lane.head++;
    this.count--;
    if (lane.head === lane.ats.length) {
      this.lanes.splice(this.lanes.indexOf(lane), 1);
    } else if (lane.head >= 1024 && lane.head * 2 >= lane.ats.length) {
      lane.ats = lane.ats.slice(lane.head);
      lane.ids = lane.ids.slice(lane.head);
      lane.head = 0;
    }
  }

  clear(): void {
    this.lanes = [];
    this.count = 0;
  }

  private earliestLane(): Lane | undefined {
    let best: Lane | undefined;
    let bestAt = Number.POSITIVE_INFINITY;
    for (const lane of this.lanes) {
      const at = lane.ats[lane.head] as Instant;
      if (at < bestAt) {
        best = lane;
        bestAt = at;
      }
    }
    return best;
  }
}

function insertInOrder(lane: Lane, at: Instant, id: string): void {
  let lo = lane.head;
  let hi = lane.ats.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((lane.ats[mid] as Instant) <= at) lo = mid + 1;
    else hi = mid;
  }
  lane.ats.splice(lo, 0, at);
  lane.ids.splice(lo, 0, id);
}
