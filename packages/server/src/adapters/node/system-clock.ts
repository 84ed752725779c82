import type { Clock, Instant, TimerHandle } from "@uplink/core";

interface SystemTimer {
  readonly immediate: boolean;
  readonly handle: NodeJS.Timeout | NodeJS.Immediate;
}

export interface SystemClockOptions {
  /** Let pending timers not keep the process alive (default false). */
  readonly unref?: boolean;
}

/**
 * The real clock: `Date.now()` and Node timers. A delay of 0 runs on `setImmediate`, which
 * skips the 1 ms floor of `setTimeout` and keeps submit-to-transmit latency low when the
 * transmit delay is 0.
 *
 * @example
 * const clock = new SystemClock();
 * const handle = clock.schedule(1000, () => console.log("a second later"));
 * clock.cancel(handle);
 */
export class SystemClock implements Clock {
  private readonly unref: boolean;

  constructor(options: SystemClockOptions = {}) {
    this.unref = options.unref ?? false;
  }

  now(): Instant {
    return Date.now();
  }

  schedule(delayMs: number, callback: () => void): TimerHandle {
    const delay = Math.max(0, delayMs);
    const timer: SystemTimer =
      delay === 0
        ? { immediate: true, handle: setImmediate(callback) }
        : { immediate: false, handle: setTimeout(callback, Math.min(delay, 2_147_483_647)) };
    if (this.unref) timer.handle.unref();
    return timer;
  }

  cancel(handle: TimerHandle): void {
    const timer = handle as SystemTimer | null | undefined;
    if (!timer) return;
    if (timer.immediate) clearImmediate(timer.handle as NodeJS.Immediate);
    else clearTimeout(timer.handle as NodeJS.Timeout);
  }
}
