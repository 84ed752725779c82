import type { Instant } from "@uplink/core";
import type { ElevationFunction } from "./elevation.js";

/** One pass of a satellite over a station, above its minimum elevation. */
export interface Pass {
  readonly station: string;
  /** Acquisition of signal: the first millisecond at or above the minimum elevation. */
  readonly aos: Instant;
  /** Loss of signal: the first millisecond below it again (the contact is `[aos, los)`). */
  readonly los: Instant;
  /** The highest elevation, degrees, found to within a second of its time. */
  readonly maxElevationDeg: number;
  readonly maxElevationAt: Instant;
}

/** How finely {@link findPasses} samples, and how long a pass may last. */
export interface FindPassesOptions {
  /**
   * Coarse sampling step (default 30 s). A pass shorter than a step is still found when the
   * elevation is unimodal over two steps around its peak, which holds for low orbits.
   */
  readonly stepMs?: number;
  /** A pass still open this long after its AOS is cut there (default one day). */
  readonly maxPassMs?: number;
}

const DEFAULT_STEP_MS = 30_000;
const DEFAULT_MAX_PASS_MS = 86_400_000;
const INV_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Finds the passes whose AOS falls in `[from, to)`: samples the elevation every `stepMs`,
 * bisects each upward crossing of `minElevationDeg` to the exact millisecond, follows the pass
 * to its downward crossing (bisected the same way, even past `to`), and locates the peak by
 * golden-section search to within a second. Sample peaks below the mask are searched too, so
 * that grazing passes shorter than a step are not missed. A pass already in progress at
 * `from` belongs to an earlier interval and is not returned; because crossings are found to
 * the exact millisecond whatever the sampling grid, adjacent intervals split passes exactly.
 *
 * @example
 * const passes = findPasses(elevationFunction(satelliteOf(iss), redu), 5, "REDU", from, from + 86_400_000);
 */
export function findPasses(
  elevation: ElevationFunction,
  minElevationDeg: number,
  station: string,
  from: Instant,
  to: Instant,
  options: FindPassesOptions = {},
): Pass[] {
  const step = options.stepMs ?? DEFAULT_STEP_MS;
  const maxPass = options.maxPassMs ?? DEFAULT_MAX_PASS_MS;
  const min = minElevationDeg;
  const passes: Pass[] = [];
  // Start one step early so that a crossing in the step that ends at `from` is examined too.
  const start = Math.floor(from) - step;
  let t0 = start - step;
  let e0 = elevation(t0);
  let t1 = start;
  let e1 = elevation(t1);
  while (t0 < to) {
    const t2 = t1 + step;
    const e2 = elevation(t2);
    let pass: Pass | null = null;
    if (e1 < min && e2 >= min) {
      pass = followPass(elevation, min, station, risingCrossing(elevation, min, t1, t2), t2, step, maxPass);
    } else if (e0 < min && e1 < min && e2 < min && e1 > e0 && e1 >= e2) {
      const peak = goldenMax(elevation, t0, t2);
      if (peak.value >= min) {
        const aos = risingCrossing(elevation, min, t0, peak.at);
        const los = fallingCrossing(elevation, min, peak.at, t2);
        pass = { station, aos, los, maxElevationDeg: peak.value, maxElevationAt: peak.at };
      }
    }
    if (pass !== null && pass.aos >= from && pass.aos < to) passes.push(pass);
    if (pass !== null && pass.los > t2) {
      // Resume sampling on the grid after the pass, so it is not found again.
      const skip = Math.ceil((pass.los - t2) / step);
      t1 = t2 + (skip - 1) * step;
      e1 = elevation(t1);
      t0 = t1 - step;
      e0 = elevation(t0);
      continue;
    }
    t0 = t1;
    e0 = e1;
    t1 = t2;
    e1 = e2;
  }
  return passes;
}

/** Follows a pass from its AOS: finds LOS and the peak. `seen` is a sampled instant inside it. */
function followPass(
  elevation: ElevationFunction,
  min: number,
  station: string,
  aos: Instant,
  seen: Instant,
  step: number,
  maxPass: number,
): Pass {
  let best = seen;
  let bestValue = elevation(seen);
  let t = seen;
  let los = aos + maxPass;
  while (t < aos + maxPass) {
    const next = t + step;
    const e = elevation(next);
    if (e < min) {
      los = fallingCrossing(elevation, min, t, next);
      break;
    }
    if (e > bestValue) {
      best = next;
      bestValue = e;
    }
    t = next;
  }
  const peak = goldenMax(elevation, Math.max(aos, best - step), Math.min(los, best + step));
  const value = peak.value >= bestValue ? peak : { at: best, value: bestValue };
  return { station, aos, los, maxElevationDeg: value.value, maxElevationAt: value.at };
}

/** The first millisecond in `(lo, hi]` at or above `min`, given `e(lo) < min <= e(hi)`. */
function risingCrossing(elevation: ElevationFunction, min: number, lo: Instant, hi: Instant): Instant {
  let a = Math.floor(lo);
  let b = Math.ceil(hi);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (elevation(mid) >= min) b = mid;
    else a = mid;
  }
  return b;
}

/** The first millisecond in `(lo, hi]` below `min`, given `e(lo) >= min > e(hi)`. */
function fallingCrossing(elevation: ElevationFunction, min: number, lo: Instant, hi: Instant): Instant {
  let a = Math.floor(lo);
  let b = Math.ceil(hi);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (elevation(mid) < min) b = mid;
    else a = mid;
  }
  return b;
}

/** The maximum of a unimodal function on `[lo, hi]`, to within a second (golden-section search). */
function goldenMax(elevation: ElevationFunction, lo: Instant, hi: Instant): { at: Instant; value: number } {
  let a = lo;
  let b = hi;
  let c = b - (b - a) * INV_PHI;
  let d = a + (b - a) * INV_PHI;
  let ec = elevation(c);
  let ed = elevation(d);
  while (b - a > 500) {
    if (ec > ed) {
      b = d;
      d = c;
      ed = ec;
      c = b - (b - a) * INV_PHI;
      ec = elevation(c);
    } else {
      a = c;
      c = d;
      ec = ed;
      d = a + (b - a) * INV_PHI;
      ed = elevation(d);
    }
  }
  const at = Math.round((a + b) / 2);
  return { at, value: elevation(at) };
}
