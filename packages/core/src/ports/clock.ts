import type { Instant } from "../types.js";

/** An opaque handle to a scheduled callback. */
export type TimerHandle = unknown;

/**
 * Time as a port: real timers in the server, a manual clock in tests, a virtual discrete-event
 * clock in the simulator. Core never reads the system time itself.
 */
export interface Clock {
  /** The current instant, epoch milliseconds. */
  now(): Instant;
  /** Runs `callback` once, `delayMs` (≥ 0) from now. */
  schedule(delayMs: number, callback: () => void): TimerHandle;
  /** Cancels a scheduled callback; cancelling one that already ran does nothing. */
  cancel(handle: TimerHandle): void;
}

export const CLOCK = Symbol.for("uplink.Clock");
