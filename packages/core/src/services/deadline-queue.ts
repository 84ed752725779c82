import type { Instant } from "../types.js";

/** One scheduled check: a command id due at an instant. */
export interface DeadlineEntry {
  readonly at: Instant;
  readonly id: string;
}

/** A run of entries in non-decreasing order, consumed from `head`. */
interface Lane {
  entries: DeadlineEntry[];
  head: number;
}

const MAX_LANES = 8;

/**
 * A priority queue of deadlines (earliest first, ties in any order), built for how deadlines
 * arrive: each is `now + a fixed timeout`, so the entries of one timeout come in order. Each
 * such stream becomes a FIFO lane, making push and pop O(1) with a handful of lanes; an entry
 * that fits no lane (start-up recovery, retries) opens a new lane, or is inserted in order
 * into one once there are `MAX_LANES`. Entries are never removed early: the timeout watcher
 * skips stale ones when they surface.
 */
export class DeadlineQueue {
  private lanes: Lane[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(at: Instant, id: string): void {
    const entry = { at, id };
    let best: Lane | undefined;
    let bestTail = Number.NEGATIVE_INFINITY;
    for (const lane of this.lanes) {
      const tail = (lane.entries[lane.entries.length - 1] as DeadlineEntry).at;
      if (tail <= at && tail >= bestTail) {
        best = lane;
        bestTail = tail;
      }
    }
    this.count++;
    if (best) {
      best.entries.push(entry);
    } else if (this.lanes.length < MAX_LANES) {
      this.lanes.push({ entries: [entry], head: 0 });
    } else {
      insertInOrder(this.lanes[0] as Lane, entry);
    }
  }

  peek(): DeadlineEntry | undefined {
    const lane = this.earliestLane();
    return lane?.entries[lane.head];
  }

  pop(): DeadlineEntry | undefined {
    const lane = this.earliestLane();
    if (!lane) return undefined;
    const entry = lane.entries[lane.head++] as DeadlineEntry;
    this.count--;
    if (lane.head === lane.entries.length) {
      this.lanes.splice(this.lanes.indexOf(lane), 1);
    } else if (lane.head >= 1024 && lane.head * 2 >= lane.entries.length) {
      lane.entries = lane.entries.slice(lane.head);
      lane.head = 0;
    }
    return entry;
  }

  clear(): void {
    this.lanes = [];
    this.count = 0;
  }

  private earliestLane(): Lane | undefined {
    let best: Lane | undefined;
    let bestAt = Number.POSITIVE_INFINITY;
    for (const lane of this.lanes) {
      const at = (lane.entries[lane.head] as DeadlineEntry).at;
      if (at < bestAt) {
        best = lane;
        bestAt = at;
      }
    }
    return best;
  }
}

function insertInOrder(lane: Lane, entry: DeadlineEntry): void {
  let lo = lane.head;
  let hi = lane.entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((lane.entries[mid] as DeadlineEntry).at <= entry.at) lo = mid + 1;
    else hi = mid;
  }
  lane.entries.splice(lo, 0, entry);
}
