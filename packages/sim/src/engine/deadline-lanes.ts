interface Lane {
  ats: number[];
  ids: number[];
  head: number;
}

const MAX_LANES = 8;

/**
 * Core's `DeadlineQueue` (the timeout watcher's queue: FIFO lanes of in-order deadlines) with
 * command indexes for ids. It must pop ties in the same order as core's, since that order is
 * the order of the TIMEOUT transitions in the trace, so it follows core's algorithm step for
 * step rather than being any priority queue.
 */
export class DeadlineLanes {
  private lanes: Lane[] = [];
  /** The entry {@link peek} found. */
  topAt = 0;
  topId = -1;

  push(at: number, id: number): void {
    let best: Lane | undefined;
    let bestTail = Number.NEGATIVE_INFINITY;
    for (const lane of this.lanes) {
      const tail = lane.ats[lane.ats.length - 1] as number;
      if (tail <= at && tail >= bestTail) {
        best = lane;
        bestTail = tail;
      }
    }
    if (best) {
      best.ats.push(at);
      best.ids.push(id);
    } else if (this.lanes.length < MAX_LANES) {
      this.lanes.push({ ats: [at], ids: [id], head: 0 });
    } else {
      insertInOrder(this.lanes[0] as Lane, at, id);
    }
  }

  /** Sets {@link topAt} and {@link topId} to the earliest entry; false when empty. */
  peek(): boolean {
    const lane = this.earliestLane();
    if (!lane) return false;
    this.topAt = lane.ats[lane.head] as number;
    this.topId = lane.ids[lane.head] as number;
    return true;
  }

  pop(): void {
    const lane = this.earliestLane();
    if (!lane) return;
    lane.head++;
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
  }

  private earliestLane(): Lane | undefined {
    let best: Lane | undefined;
    let bestAt = Number.POSITIVE_INFINITY;
    for (const lane of this.lanes) {
      const at = lane.ats[lane.head] as number;
      if (at < bestAt) {
        best = lane;
        bestAt = at;
      }
    }
    return best;
  }
}

function insertInOrder(lane: Lane, at: number, id: number): void {
  let lo = lane.head;
  let hi = lane.ats.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((lane.ats[mid] as number) <= at) lo = mid + 1;
    else hi = mid;
  }
  lane.ats.splice(lo, 0, at);
  lane.ids.splice(lo, 0, id);
}
