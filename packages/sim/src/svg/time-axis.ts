import type { Instant } from "@uplink/core";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

/** One labelled tick of a time axis. */
export interface AxisTick {
  readonly at: Instant;
  readonly label: string;
}

/**
 * Ticks for `[from, to)`: the smallest round step (1 s … 7 d) that gives at most `maxTicks`,
 * aligned to UTC. Labels are `HH:MM` (with seconds when the step is under a minute), and the
 * date where a day starts (or on every tick when the step is a day or more).
 */
export function axisTicks(from: Instant, to: Instant, maxTicks: number): AxisTick[] {
  const span = Math.max(to - from, 1);
  const step = STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  const ticks: AxisTick[] = [];
  for (let at = Math.ceil(from / step) * step; at <= to; at += step) {
    const iso = new Date(at).toISOString();
    const date = iso.slice(0, 10);
    const time = step < MINUTE ? iso.slice(11, 19) : iso.slice(11, 16);
    const label = step >= DAY ? date : at % DAY === 0 ? `${date} ${time}` : time;
    ticks.push({ at, label });
  }
  return ticks;
}
