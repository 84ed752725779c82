import type { Instant } from "@uplink/core";

/**
 * The contact windows of a trace per spacecraft, sorted by start, answering "was this
 * spacecraft in contact at this instant" by binary search. Spacecraft get small integer codes
 * so that per-command tables store a number, not a string.
 */
export class ContactWindowIndex {
  private readonly codes = new Map<string, number>();
  private readonly windows: { starts: number[]; ends: number[] }[] = [];

  /** The code of a spacecraft (new ones get the next code, with no windows). */
  code(spacecraftId: string): number {
    let sc = this.codes.get(spacecraftId);
    if (sc === undefined) {
      sc = this.codes.size;
      this.codes.set(spacecraftId, sc);
      this.windows.push({ starts: [], ends: [] });
    }
    return sc;
  }

  /** Adds a window `[start, end)`; traces list them in order, out-of-order ones are inserted in place. */
  add(spacecraftId: string, start: Instant, end: Instant): void {
    const w = this.windows[this.code(spacecraftId)] as { starts: number[]; ends: number[] };
    const last = w.starts.length - 1;
    if (last >= 0 && start < (w.starts[last] as number)) {
      let i = last;
      while (i >= 0 && (w.starts[i] as number) > start) i--;
      w.starts.splice(i + 1, 0, start);
      w.ends.splice(i + 1, 0, end);
    } else {
      w.starts.push(start);
      w.ends.push(end);
    }
  }

  /**
   * The first window of spacecraft `sc` in which `lengthMs` fit from `from` on (or from the
   * window's start, if later) before it closes and before `until`; null when none does.
   */
  carrying(
    sc: number,
    from: Instant,
    lengthMs: number,
    until: Instant,
  ): { start: Instant; end: Instant } | null {
    const w = this.windows[sc];
    if (!w) return null;
    for (let i = 0; i < w.starts.length; i++) {
      const end = w.ends[i] as number;
      if (end <= from) continue;
      const t0 = Math.max(from, w.starts[i] as number);
      if (t0 + lengthMs <= Math.min(end, until)) return { start: w.starts[i] as number, end };
    }
    return null;
  }

  /** Whether spacecraft `sc` (a {@link code}) was in a window at `at`. */
  inContact(sc: number, at: Instant): boolean {
    const w = this.windows[sc];
    if (!w) return false;
    const { starts, ends } = w;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] as number) <= at) lo = mid + 1;
      else hi = mid;
    }
    // Windows may overlap if a trace lists them so: look back while they could still cover `at`.
    for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) if (at < (ends[i] as number)) return true;
    return false;
  }
}
