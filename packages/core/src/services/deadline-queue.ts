import { widened } from "../adapters/typed-arrays.js";
import type { Instant } from "../types.js";

/** A run of entries in non-decreasing order, consumed from `head`, as two parallel arrays. */
interface Lane {
  ats: Instant[];
  ids: string[];
  head: number;
}

const MAX_LANES = 8;

/**
 * A priority queue of deadlines (earliest first; ties by push order within a lane), built for
 * how deadlines arrive: each is `now + a fixed timeout`, so the entries of one timeout come in
 * order. Each such stream becomes a FIFO lane, making push and pop O(1) with a handful of
 * lanes; an entry that fits no lane (start-up recovery, expiries at `notAfter`, retries) opens
 * a new lane, or goes to a binary heap once there are `MAX_LANES` (inserting it in order into
 * a lane cost a copy of that lane each time). Entries are two numbers' worth in arrays, not
 * an object each. Entries are never removed early: the timeout watcher skips stale ones when
 * they surface.
 */
export class DeadlineQueue {
  private lanes: Lane[] = [];
  private readonly heap = new DeadlineHeap();
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
      this.heap.push(at, id);
    }
  }

  /** The earliest deadline, or +Infinity when the queue is empty. */
  peekAt(): Instant {
    const lane = this.earliestLane();
    const laneAt = lane === undefined ? Number.POSITIVE_INFINITY : (lane.ats[lane.head] as Instant);
    return Math.min(laneAt, this.heap.peekAt());
  }

  /** The command of the earliest deadline, or undefined when the queue is empty. */
  peekId(): string | undefined {
    const lane = this.earliestLane();
    if (lane !== undefined && (lane.ats[lane.head] as Instant) <= this.heap.peekAt())
      return lane.ids[lane.head];
    return this.heap.peekId();
  }

  /** Removes the earliest entry (no-op when empty). */
  pop(): void {
    const lane = this.earliestLane();
    if (lane === undefined || (lane.ats[lane.head] as Instant) > this.heap.peekAt()) {
      if (this.heap.size === 0) return;
      this.heap.pop();
      this.count--;
      return;
    }
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
    this.heap.clear();
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

/** A binary min-heap of deadlines, ties by push order, as a typed array of keys beside the ids. */
class DeadlineHeap {
  private ats = new Float64Array(64);
  private orders = new Float64Array(64);
  private ids: (string | undefined)[] = [];
  private length = 0;
  private pushed = 0;

  get size(): number {
    return this.length;
  }

  peekAt(): Instant {
    return this.length === 0 ? Number.POSITIVE_INFINITY : (this.ats[0] as number);
  }

  peekId(): string | undefined {
    return this.length === 0 ? undefined : this.ids[0];
  }

  push(at: Instant, id: string): void {
    if (this.length === this.ats.length) this.grow();
    this.siftUp(this.length++, at, this.pushed++, id);
  }

  pop(): void {
    if (this.length === 0) return;
    const last = --this.length;
    const at = this.ats[last] as number;
    const order = this.orders[last] as number;
    const id = this.ids[last] as string;
    this.ids[last] = undefined;
    if (last > 0) this.siftDown(at, order, id);
  }

  clear(): void {
    this.ids = [];
    this.length = 0;
  }

  private grow(): void {
    this.ats = widened(this.ats, this.ats.length * 2);
    this.orders = widened(this.orders, this.orders.length * 2);
  }

  private siftUp(index: number, at: number, order: number, id: string): void {
    const { ats, orders, ids } = this;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      const pa = ats[parent] as number;
      if (pa < at || (pa === at && (orders[parent] as number) < order)) break;
      ats[i] = pa;
      orders[i] = orders[parent] as number;
      ids[i] = ids[parent];
      i = parent;
    }
    ats[i] = at;
    orders[i] = order;
    ids[i] = id;
  }

  private siftDown(at: number, order: number, id: string): void {
    const { ats, orders, ids } = this;
    const n = this.length;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ca = ats[child] as number;
      const right = child + 1;
      if (right < n) {
        const ra = ats[right] as number;
        if (ra < ca || (ra === ca && (orders[right] as number) < (orders[child] as number))) {
          child = right;
          ca = ra;
        }
      }
      if (at < ca || (at === ca && order < (orders[child] as number))) break;
      ats[i] = ca;
      orders[i] = orders[child] as number;
      ids[i] = ids[child];
      i = child;
    }
    ats[i] = at;
    orders[i] = order;
    ids[i] = id;
  }
}
