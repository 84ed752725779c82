import type { Clock, TimerHandle } from "../ports/clock.js";
import type { Instant } from "../types.js";

interface ManualTimer {
  readonly at: Instant;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * A clock that moves only when told to: `advance(ms)` and `advanceTo(t)` run every timer due
 * on the way, in time order (ties in scheduling order). For tests.
 *
 * @example
 * const clock = new ManualClock(Date.parse("2030-01-01T00:00:00Z"));
 * clock.schedule(1000, () => console.log("one second later"));
 * clock.advance(1000);
 */
export class ManualClock implements Clock {
  private current: Instant;
  private timers: ManualTimer[] = [];
  private order = 0;

  constructor(start: Instant = 0) {
    this.current = start;
  }

  now(): Instant {
    return this.current;
  }

  schedule(delayMs: number, callback: () => void): TimerHandle {
    const timer: ManualTimer = {
      at: this.current + Math.max(0, delayMs),
      order: this.order++,
      callback,
      cancelled: false,
    };
    this.timers.push(timer);
    return timer;
  }

  cancel(handle: TimerHandle): void {
    (handle as ManualTimer).cancelled = true;
  }

  /** Timers scheduled and not yet run or cancelled. */
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward by `ms`, running due timers synchronously. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Moves time to `target`, running due timers synchronously; never moves backwards. */
  advanceTo(target: Instant): void {
    for (;;) {
      const due = this.nextDue(target);
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = Math.max(this.current, target);
  }

  /**
   * Like {@link advanceTo}, but lets promise callbacks settle after each timer, so that async
   * work started by a timer (repository calls, the uplink) finishes before the next one fires.
   */
  async advanceToAsync(target: Instant): Promise<void> {
    await settle();
    for (;;) {
      const due = this.nextDue(target);
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.current = Math.max(this.current, due.at);
      due.callback();
      await settle();
    }
    this.current = Math.max(this.current, target);
    await settle();
  }

  async advanceAsync(ms: number): Promise<void> {
    await this.advanceToAsync(this.current + ms);
  }

  private nextDue(target: Instant): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers) {
      if (t.cancelled || t.at > target) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.order < best.order)) best = t;
    }
    if (!best) this.timers = this.timers.filter((t) => !t.cancelled);
    return best;
  }
}

/** Lets queued promise callbacks run (a few macrotask-free turns of the microtask queue). */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}
