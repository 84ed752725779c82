import type { Instant } from "@uplink/core";

/** A group of events that die together (see `VirtualClock.scope`). */
export interface ClockScope {
  ended: boolean;
}

/** One scheduled callback; `callback` is null once cancelled or run. */
export interface ScheduledEvent {
  readonly at: Instant;
  /** Insertion order: ties on `at` run in the order they were scheduled. */
  readonly order: number;
  callback: (() => void) | null;
  /** The scope it dies with, if any: once that scope has ended, the event is dropped unrun. */
  readonly scope: ClockScope | null;
}

const INITIAL_CAPACITY = 1024;

/**
 * A binary min-heap of events keyed by `(at, order)`. The keys live in typed arrays beside
 * the events, so that sifting compares contiguous numbers instead of chasing pointers (a heap
 * of 100 000 objects is several times slower, from cache misses alone). Cancelled events stay
 * in the heap (lazy deletion, O(1) cancel) and are skipped when they surface; the heap
 * compacts itself when they outnumber the live ones.
 */
export class EventQueue {
  private times = new Float64Array(INITIAL_CAPACITY);
  private orders = new Float64Array(INITIAL_CAPACITY);
  private events: (ScheduledEvent | undefined)[] = [];
  private length = 0;
  private live = 0;
  private nextOrder = 0;

  /** Live (scheduled, not cancelled, not run) events. */
  get size(): number {
    return this.live;
  }

  push(at: Instant, callback: () => void, scope: ClockScope | null): ScheduledEvent {
    const event: ScheduledEvent = { at, order: this.nextOrder++, callback, scope };
    if (this.length === this.times.length) this.grow();
    this.siftUp(this.length++, event);
    this.live++;
    return event;
  }

  /** Marks an event cancelled; returns false when it already ran or was cancelled. */
  cancel(event: ScheduledEvent): boolean {
    if (event.callback === null) return false;
    event.callback = null;
    this.live--;
    if (this.length > INITIAL_CAPACITY && this.live < this.length >>> 2) this.compact();
    return true;
  }

  /** The time of the earliest live event, or null when none is left. */
  peekTime(): Instant | null {
    this.dropCancelled();
    return this.length === 0 ? null : (this.times[0] as number);
  }

  /** Removes and returns the earliest live event at or before `limit`, or null. */
  popUntil(limit: Instant): ScheduledEvent | null {
    this.dropCancelled();
    if (this.length === 0 || (this.times[0] as number) > limit) return null;
    const top = this.events[0] as ScheduledEvent;
    this.removeTop();
    this.live--;
    return top;
  }

  private dropCancelled(): void {
    while (this.length > 0) {
      const top = this.events[0] as ScheduledEvent;
      if (top.callback !== null) {
        if (top.scope === null || !top.scope.ended) return;
        // Its scope ended while it waited: it counted as live until now.
        top.callback = null;
        this.live--;
      }
      this.removeTop();
    }
  }

  private removeTop(): void {
    const last = --this.length;
    const moved = this.events[last] as ScheduledEvent;
    this.events[last] = undefined;
    // Its keys from the typed arrays: the event itself is far in memory, and not read here.
    if (last > 0) this.siftDown(0, moved, this.times[last] as number, this.orders[last] as number);
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    const orders = new Float64Array(this.orders.length * 2);
    orders.set(this.orders);
    this.orders = orders;
  }

  private compact(): void {
    const liveEvents = this.events
      .slice(0, this.length)
      .filter((e) => e !== undefined && e.callback !== null);
    this.events.length = 0;
    this.length = 0;
    for (const event of liveEvents as ScheduledEvent[]) this.siftUp(this.length++, event);
  }

  private siftUp(index: number, event: ScheduledEvent): void {
    const { times, orders, events } = this;
    const at = event.at;
    const order = event.order;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      const pt = times[parent] as number;
      if (pt < at || (pt === at && (orders[parent] as number) < order)) break;
      times[i] = pt;
      orders[i] = orders[parent] as number;
      events[i] = events[parent];
      i = parent;
    }
    times[i] = at;
    orders[i] = order;
    events[i] = event;
  }

  private siftDown(index: number, event: ScheduledEvent, at: Instant, order: number): void {
    const { times, orders, events } = this;
    const n = this.length;
    let i = index;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = times[child] as number;
      const right = child + 1;
      if (right < n) {
        const rt = times[right] as number;
        if (rt < ct || (rt === ct && (orders[right] as number) < (orders[child] as number))) {
          child = right;
          ct = rt;
        }
      }
      if (at < ct || (at === ct && order < (orders[child] as number))) break;
      times[i] = ct;
      orders[i] = orders[child] as number;
      events[i] = events[child];
      i = child;
    }
    times[i] = at;
    orders[i] = order;
    events[i] = event;
  }
}
