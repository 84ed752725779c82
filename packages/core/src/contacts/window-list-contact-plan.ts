import { ConfigError } from "../errors.js";
import type { ContactPlan } from "../ports/contact-plan.js";
import type { ContactWindow, Instant } from "../types.js";

/** A window of a list, for any spacecraft: `[start, end)` with optional pass details. */
export type PlannedWindow = Omit<ContactWindow, "spacecraftId">;

/**
 * An explicit list of windows that applies to every spacecraft (wrap several in a
 * {@link PerSpacecraftContactPlan} for one list each). The list is validated (finite
 * instants, `start < end`), sorted, and windows that overlap or touch are merged into one
 * (keeping the station when both agree and the higher maximum elevation).
 *
 * @example
 * const plan = new WindowListContactPlan([{ start: 0, end: 600_000 }, { start: 5_400_000, end: 6_000_000 }]);
 */
export class WindowListContactPlan implements ContactPlan {
  /** The merged windows, in order, pairwise disjoint and not touching. */
  readonly windows: readonly PlannedWindow[];

  constructor(windows: readonly PlannedWindow[]) {
    windows.forEach((w, i) => {
      if (
        typeof w?.start !== "number" ||
        typeof w.end !== "number" ||
        !Number.isFinite(w.start) ||
        !Number.isFinite(w.end)
      ) {
        throw new ConfigError(
          `windows[${i}]`,
          "finite start and end instants",
          `windows[${i}]: start and end must be finite instants`,
        );
      }
      if (!(w.start < w.end)) {
        throw new ConfigError(
          `windows[${i}]`,
          "start before end",
          `windows[${i}]: start ${w.start} is not before end ${w.end}`,
        );
      }
    });
    this.windows = mergeWindows(windows);
  }

  windowAt(spacecraftId: string, at: Instant): ContactWindow | null {
    const w = this.windows[this.firstEndingAfter(at)];
    return w ? { ...w, spacecraftId } : null;
  }

  windowsBetween(spacecraftId: string, from: Instant, to: Instant): ContactWindow[] {
    const found: ContactWindow[] = [];
    if (!(from < to)) return found;
    for (let i = this.firstEndingAfter(from); i < this.windows.length; i++) {
      const w = this.windows[i] as PlannedWindow;
      if (w.start >= to) break;
      found.push({ ...w, spacecraftId });
    }
    return found;
  }

  /** The index of the first window with `end > at` (the one containing `at`, or the next). */
  private firstEndingAfter(at: Instant): number {
    let lo = 0;
    let hi = this.windows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.windows[mid] as PlannedWindow).end <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function mergeWindows(windows: readonly PlannedWindow[]): PlannedWindow[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: PlannedWindow[] = [];
  for (const w of sorted) {
    const last = merged[merged.length - 1];
    if (last && w.start <= last.end) {
      merged[merged.length - 1] = combine(last, w);
    } else {
      merged.push(copy(w));
    }
  }
  return merged;
}

function copy(w: PlannedWindow): PlannedWindow {
  const out: { start: Instant; end: Instant; station?: string; maxElevationDeg?: number } = {
    start: w.start,
    end: w.end,
  };
  if (w.station !== undefined) out.station = w.station;
  if (w.maxElevationDeg !== undefined) out.maxElevationDeg = w.maxElevationDeg;
  return out;
}

function combine(a: PlannedWindow, b: PlannedWindow): PlannedWindow {
  const out: { start: Instant; end: Instant; station?: string; maxElevationDeg?: number } = {
    start: a.start,
    end: Math.max(a.end, b.end),
  };
  if (a.station !== undefined && a.station === b.station) out.station = a.station;
  if (a.maxElevationDeg !== undefined || b.maxElevationDeg !== undefined) {
    out.maxElevationDeg = Math.max(
      a.maxElevationDeg ?? Number.NEGATIVE_INFINITY,
      b.maxElevationDeg ?? Number.NEGATIVE_INFINITY,
    );
  }
  return out;
}
