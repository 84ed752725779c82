import type { Clock, Instant, TimerHandle } from "@uplink/core";
import { type ClockScope, EventQueue, type ScheduledEvent } from "./event-queue.js";

/**
 * A discrete-event virtual clock implementing core's {@link Clock} port. Timers sit in a
 * binary heap keyed by `(time, insertion order)`, so ties run in the order they were
 * scheduled and a run is fully deterministic. Time moves only when the clock is run, and each
 * event's callback runs to its end before the next one: core's services answer at once on the
 * simulator's ports, so everything an event starts is done when its callback returns. (A port
 * that answered with a promise would leave its work to run after the clock had moved on: a
 * wiring error, which core's `ready()` reports.)
 *
 * @example
 * const clock = new VirtualClock(Date.parse("2030-01-01T00:00:00Z"));
 * clock.schedule(60_000, () => console.log("a minute later", clock.now()));
 * clock.runUntil(clock.now() + 3_600_000);
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
    return this.queue.push(this.current + Math.max(delayMs, 0), callback, null);
  }

  cancel(handle: TimerHandle): void {
    if (handle !== null && typeof handle === "object" && "order" in handle)
      this.queue.cancel(handle as ScheduledEvent);
  }

  /**
   * A view of this clock whose timers all die with it: after {@link ClockScope.end}, none of
   * them runs. The simulator gives one to each life of the ground, so that a crash takes its
   * timers with it (a process that dies leaves no timer behind).
   */
  scope(): Clock & { end(): void } {
    const scope: ClockScope = { ended: false };
    return {
      now: () => this.current,
      schedule: (delayMs, callback) => {
        if (Number.isNaN(delayMs)) throw new RangeError("VirtualClock.schedule: delay is NaN");
        return this.queue.push(this.current + Math.max(delayMs, 0), callback, scope);
      },
      cancel: (handle) => this.cancel(handle),
      end: () => {
        scope.ended = true;
      },
    };
  }

  /** Events scheduled and not yet run or cancelled (those of ended scopes count until their time). */
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
   * Runs every event due at or before `target` in time order, then sets the time to `target`
   * (never backwards). Returns the number of events run; an error a callback throws stops the
   * run and propagates.
   */
  runUntil(target: Instant): number {
    return this.run(target, Number.POSITIVE_INFINITY);
  }

  /** Runs the next event; false when none is left. */
  step(): boolean {
    const next = this.queue.peekTime();
    if (next === null) return false;
    this.run(next, 1);
    return true;
  }

  /**
   * Runs events until none is left, or `maxEvents` have run (a guard against a component that
   * reschedules itself for ever). Returns the number run.
   */
  runAll(maxEvents = Number.POSITIVE_INFINITY): number {
    return this.run(Number.POSITIVE_INFINITY, maxEvents);
  }

  private run(target: Instant, maxEvents: number): number {
    const queue = this.queue;
    let count = 0;
    while (count < maxEvents) {
      const event = queue.popUntil(target);
      if (event === null) break;
      if (event.at > this.current) this.current = event.at;
      const callback = event.callback as () => void;
      event.callback = null;
      count++;
      this.ran++;
      callback();
    }
    if (target > this.current && target !== Number.POSITIVE_INFINITY && count < maxEvents)
      this.current = target;
    return count;
  }
}
