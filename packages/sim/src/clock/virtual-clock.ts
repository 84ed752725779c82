import type { Clock, Instant, TimerHandle } from "@uplink/core";
import { EventQueue, type ScheduledEvent } from "./event-queue.js";

const RESOLVED = Promise.resolve();

/**
 * Calls `fn` once the microtask queue is empty. In Node a `process.nextTick` queued from a
 * microtask runs only after V8 has drained every microtask, including those queued while
 * draining: an exact "all promise work is done" signal that costs about three `await`s. Other
 * runtimes fall back to a macrotask.
 */
function makeAfterMicrotasks(fn: () => void): () => void {
  const nodeProcess = (globalThis as { process?: { nextTick?(cb: () => void): void } }).process;
  if (typeof nodeProcess?.nextTick === "function") {
    const nextTick = nodeProcess.nextTick.bind(nodeProcess);
    const kick = (): void => nextTick(fn);
    return () => {
      void RESOLVED.then(kick);
    };
  }
  return () => {
    setTimeout(fn, 0);
  };
}

/**
 * A discrete-event virtual clock implementing core's {@link Clock} port. Timers sit in a
 * binary heap keyed by `(time, insertion order)`, so ties run in the order they were
 * scheduled and a run is fully deterministic. Time moves only when the clock is run; between
 * two events, every promise continuation started by the first one settles before the second
 * fires, so async services see the instant of the event that woke them.
 *
 * @example
 * const clock = new VirtualClock(Date.parse("2030-01-01T00:00:00Z"));
 * clock.schedule(60_000, () => console.log("a minute later", clock.now()));
 * await clock.runUntil(clock.now() + 3_600_000);
 */
export class VirtualClock implements Clock {
  private current: Instant;
  private readonly queue = new EventQueue();
  private ran = 0;

  constructor(start: Instant = 0) {
    this.current = start;
  }

  now(): Instant {
    return this.current;
  }

  schedule(delayMs: number, callback: () => void): TimerHandle {
    if (Number.isNaN(delayMs)) throw new RangeError("VirtualClock.schedule: delay is NaN");
    return this.queue.push(this.current + Math.max(delayMs, 0), callback);
  }

  cancel(handle: TimerHandle): void {
    if (handle !== null && typeof handle === "object" && "order" in handle)
      this.queue.cancel(handle as ScheduledEvent);
  }

  /** Events scheduled and not yet run or cancelled. */
  get pending(): number {
    return this.queue.size;
  }

  /** Events run since the clock was made. */
  get eventsRun(): number {
    return this.ran;
  }

  /** The instant of the next event, or null when none is scheduled. */
  nextEventTime(): Instant | null {
    return this.queue.peekTime();
  }

  /**
   * Runs every event due at or before `target` in time order, letting promise work settle
   * after each, then sets the time to `target` (never backwards). Resolves with the number of
   * events run; rejects with the first error a callback throws.
   */
  runUntil(target: Instant): Promise<number> {
    return this.run(target, Number.POSITIVE_INFINITY);
  }

  /** Runs the next event (and the promise work it starts); resolves false when none is left. */
  async step(): Promise<boolean> {
    const next = this.queue.peekTime();
    if (next === null) {
      await this.settle();
      return false;
    }
    await this.run(next, 1);
    return true;
  }

  /**
   * Runs events until none is left, or `maxEvents` have run (a guard against a component that
   * reschedules itself for ever). Resolves with the number run.
   */
  runAll(maxEvents = Number.POSITIVE_INFINITY): Promise<number> {
    return this.run(Number.POSITIVE_INFINITY, maxEvents);
  }

  /** Resolves once every pending promise continuation has run, without moving time. */
  settle(): Promise<void> {
    return new Promise((resolve) => makeAfterMicrotasks(resolve)());
  }

  private run(target: Instant, maxEvents: number): Promise<number> {
    return new Promise((resolve, reject) => {
      let count = 0;
      const queue = this.queue;
      const step = (): void => {
        const event = count < maxEvents ? queue.popUntil(target) : null;
        if (event === null) {
          if (target > this.current && target !== Number.POSITIVE_INFINITY) this.current = target;
          resolve(count);
          return;
        }
        if (event.at > this.current) this.current = event.at;
        const callback = event.callback as () => void;
        event.callback = null;
        count++;
        this.ran++;
        try {
          callback();
        } catch (error) {
          reject(error);
          return;
        }
        next();
      };
      const next = makeAfterMicrotasks(step);
      next();
    });
  }
}
