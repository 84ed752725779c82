import { ConfigError } from "../errors.js";
import type { ContactPlan } from "../ports/contact-plan.js";
import type { ContactWindow, Instant } from "../types.js";

/** A window of `durationMs` opening every `periodMs`, shifted by `offsetMs` from the Unix epoch. */
export interface PeriodicContactOptions {
  /** Time between two window starts; a positive whole number of milliseconds. */
  readonly periodMs: number;
  /** Length of each window; whole milliseconds, `0 < durationMs <= periodMs`. */
  readonly durationMs: number;
  /** First window start after 1970-01-01T00:00:00Z (any whole number; taken modulo the period). Default 0. */
  readonly offsetMs?: number;
}

/**
 * The same contact schedule for every spacecraft: windows `[offset + k·period, offset +
 * k·period + duration)` for every integer k, epoch 1970-01-01T00:00:00Z. An instant t is in
 * contact iff `(t − offset) mod period < duration`. With `durationMs === periodMs` the windows
 * touch and contact never breaks.
 *
 * @example
 * // a 10-minute pass every 90 minutes, the first at 00:05 UTC
 * const plan = new PeriodicContactPlan({ periodMs: 5_400_000, durationMs: 600_000, offsetMs: 300_000 });
 */
export class PeriodicContactPlan implements ContactPlan {
  readonly periodMs: number;
  readonly durationMs: number;
  /** The offset reduced to `[0, periodMs)`. */
  readonly offsetMs: number;

  constructor(options: PeriodicContactOptions) {
    const { periodMs, durationMs, offsetMs = 0 } = options;
    if (!Number.isSafeInteger(periodMs) || periodMs <= 0) {
      throw new ConfigError(
        "periodMs",
        "a positive whole number of milliseconds",
        `periodMs: ${periodMs} is not positive whole milliseconds`,
      );
    }
    if (!Number.isSafeInteger(durationMs) || durationMs <= 0 || durationMs > periodMs) {
      throw new ConfigError(
        "durationMs",
        "whole milliseconds greater than 0 and at most the period",
        `durationMs: ${durationMs} must be whole milliseconds in (0, ${periodMs}]`,
      );
    }
    if (!Number.isSafeInteger(offsetMs)) {
      throw new ConfigError(
        "offsetMs",
        "a whole number of milliseconds",
        `offsetMs: ${offsetMs} is not whole milliseconds`,
      );
    }
    this.periodMs = periodMs;
    this.durationMs = durationMs;
    this.offsetMs = mod(offsetMs, periodMs);
  }

  windowAt(spacecraftId: string, at: Instant): ContactWindow | null {
    const start = this.startOfPeriod(at);
    if (at < start + this.durationMs) return { spacecraftId, start, end: start + this.durationMs };
    const next = start + this.periodMs;
    return { spacecraftId, start: next, end: next + this.durationMs };
  }

  windowsBetween(spacecraftId: string, from: Instant, to: Instant): ContactWindow[] {
    const windows: ContactWindow[] = [];
    if (!(from < to)) return windows;
    let start = this.startOfPeriod(from);
    if (start + this.durationMs <= from) start += this.periodMs;
    for (; start < to; start += this.periodMs) {
      windows.push({ spacecraftId, start, end: start + this.durationMs });
    }
    return windows;
  }

  /** The start of the period that contains `at` (the latest `offset + k·period <= at`). */
  private startOfPeriod(at: Instant): Instant {
    return at - mod(at - this.offsetMs, this.periodMs);
  }
}

function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}
