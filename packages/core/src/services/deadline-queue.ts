import type { Instant } from "../types.js";

/** One scheduled check: a command id due at an instant. */
export interface DeadlineEntry {
  readonly at: Instant;
  readonly id: string;
}

/**
 * A binary min-heap of deadlines (earliest first, ties in any order). Entries are never
 * removed early: the timeout watcher skips stale ones when they surface (lazy deletion),
 * which keeps every operation O(log n).
 */
export class DeadlineQueue {
  private readonly heap: DeadlineEntry[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(at: Instant, id: string): void {
    const heap = this.heap;
    const entry = { at, id };
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as DeadlineEntry;
      if (p.at <= at) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  peek(): DeadlineEntry | undefined {
    return this.heap[0];
  }

  pop(): DeadlineEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && (heap[right] as DeadlineEntry).at < (heap[left] as DeadlineEntry).at) child = right;
      const c = heap[child] as DeadlineEntry;
      if (c.at >= last.at) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
