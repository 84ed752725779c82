import type { ContactPlan, ContactWindow, Instant } from "@uplink/core";
import { type ElevationFunction, elevationFunction, satelliteOf } from "./elevation.js";
import { findPasses, type Pass } from "./find-passes.js";
import type { GroundStation } from "./ground-station.js";
import type { TleRecord } from "./tle.js";

/** How a {@link TlePassContactPlan} predicts and caches passes. */
export interface TlePassContactPlanOptions {
  /** Coarse sampling step of the pass finder (default 30 s). */
  readonly stepMs?: number;
  /** Passes are predicted in chunks of this length, on demand, and cached (default one day); longer passes are cut. */
  readonly chunkMs?: number;
  /** How far `windowAt` looks ahead before answering that no window will open (default 14 days). */
  readonly horizonMs?: number;
}

/** A contact of one satellite with any of the stations: overlapping passes merged. */
interface MergedWindow {
  readonly start: Instant;
  readonly end: Instant;
  readonly stations: string;
  readonly maxElevationDeg: number;
}

const DAY_MS = 86_400_000;

/**
 * Predicted passes as a contact plan: SGP4 passes of each spacecraft's satellite over every
 * ground station, merged into one window wherever two stations' passes overlap or touch (the
 * window names both stations and keeps the higher peak). Passes are predicted a chunk at a
 * time when first asked for and cached, so answering is a binary search.
 *
 * A spacecraft uses the element set whose title (or catalogue number) matches its id, or else
 * the first one in the file. A satellite that never rises or never sets over any station (e.g. geostationary) has
 * no passes: use a periodic or `always` plan for it.
 *
 * @example
 * const plan = new TlePassContactPlan(parseTle(text), parseStations("REDU:50.0,5.15,0.37,5"));
 * plan.windowAt("sc-1", Date.parse("2024-05-07T00:00:00Z")); // the next pass over Redu
 */
export class TlePassContactPlan implements ContactPlan {
  private readonly timelines = new Map<string, PassTimeline>();
  private readonly chunkMs: number;
  private readonly horizonMs: number;
  private readonly stepMs: number;

  constructor(
    private readonly satellites: readonly TleRecord[],
    private readonly stations: readonly GroundStation[],
    options: TlePassContactPlanOptions = {},
  ) {
    if (satellites.length === 0) throw new RangeError("TlePassContactPlan needs at least one element set");
    if (stations.length === 0) throw new RangeError("TlePassContactPlan needs at least one ground station");
    this.chunkMs = options.chunkMs ?? DAY_MS;
    this.horizonMs = options.horizonMs ?? 14 * DAY_MS;
    this.stepMs = options.stepMs ?? 30_000;
  }

  /**
   * The element set a spacecraft flies: the one whose title or catalogue number matches its id
   * (ignoring case, and spaces or punctuation: `NOAA-19` flies `NOAA 19`), or else the first.
   */
  satelliteFor(spacecraftId: string): TleRecord {
    const id = normalise(spacecraftId);
    const match = this.satellites.find(
      (s) => normalise(s.name) === id || s.line1.slice(2, 7).trim() === spacecraftId,
    );
    return match ?? (this.satellites[0] as TleRecord);
  }

  windowAt(spacecraftId: string, at: Instant): ContactWindow | null {
    const w = this.timeline(spacecraftId).windowAt(at, this.horizonMs);
    return w && toContact(spacecraftId, w);
  }

  windowsBetween(spacecraftId: string, from: Instant, to: Instant): ContactWindow[] {
    if (!(from < to)) return [];
    return this.timeline(spacecraftId)
      .windowsBetween(from, to)
      .map((w) => toContact(spacecraftId, w));
  }

  /** The raw passes (one per station, not merged) whose AOS falls in `[from, to)`, by AOS. */
  passesBetween(spacecraftId: string, from: Instant, to: Instant): Pass[] {
    const timeline = this.timeline(spacecraftId);
    timeline.ensure(Math.floor(from / this.chunkMs), Math.floor(to / this.chunkMs) + 1);
    return timeline.raw.filter((p) => p.aos >= from && p.aos < to);
  }

  private timeline(spacecraftId: string): PassTimeline {
    const tle = this.satelliteFor(spacecraftId);
    let timeline = this.timelines.get(tle.name);
    if (!timeline) {
      const satellite = satelliteOf(tle);
      const elevations = this.stations.map((s) => ({
        station: s,
        elevation: elevationFunction(satellite, s),
      }));
      timeline = new PassTimeline(elevations, this.chunkMs, this.stepMs);
      this.timelines.set(tle.name, timeline);
    }
    return timeline;
  }
}

function normalise(name: string): string {
  return name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function toContact(spacecraftId: string, w: MergedWindow): ContactWindow {
  return {
    spacecraftId,
    start: w.start,
    end: w.end,
    station: w.stations,
    maxElevationDeg: w.maxElevationDeg,
  };
}

/**
 * The passes of one satellite over all stations, predicted over a contiguous range of chunks
 * `[lo, hi)` that grows on demand. A pass belongs to the chunk of its AOS and lasts at most a
 * chunk, so a merged window is final once the chunks on both sides of it are predicted.
 */
class PassTimeline {
  raw: Pass[] = [];
  private merged: MergedWindow[] = [];
  private lo = 0;
  private hi = 0;

  constructor(
    private readonly elevations: readonly { station: GroundStation; elevation: ElevationFunction }[],
    private readonly chunkMs: number,
    private readonly stepMs: number,
  ) {}

  windowAt(at: Instant, horizonMs: number): MergedWindow | null {
    const k = Math.floor(at / this.chunkMs);
    this.ensure(k - 1, k + 1);
    for (;;) {
      const i = this.firstEndingAfter(at);
      const w = this.merged[i];
      if (w === undefined) {
        if (this.hi * this.chunkMs - at > horizonMs) return null;
        this.ensure(this.lo, this.hi + 1);
      } else if (!this.settle(w)) {
        return w;
      }
    }
  }

  windowsBetween(from: Instant, to: Instant): MergedWindow[] {
    this.ensure(Math.floor(from / this.chunkMs) - 1, Math.floor(to / this.chunkMs) + 1);
    for (;;) {
      const found = this.merged.slice(this.firstEndingAfter(from)).filter((w) => w.start < to);
      const first = found[0];
      const last = found[found.length - 1];
      if (first && this.settle(first)) continue;
      if (last && last !== first && this.settle(last)) continue;
      return found;
    }
  }

  /** Predicts the chunks `[lo, hi)` that are not yet; the range only grows. */
  ensure(lo: number, hi: number): void {
    if (this.hi === this.lo) {
      this.predict(lo, hi);
      this.lo = lo;
      this.hi = hi;
    } else if (lo < this.lo || hi > this.hi) {
      if (lo < this.lo) this.predict(lo, this.lo);
      if (hi > this.hi) this.predict(this.hi, hi);
      this.lo = Math.min(lo, this.lo);
      this.hi = Math.max(hi, this.hi);
    } else {
      return;
    }
    this.merge();
  }

  /** Grows the range when a window touches its edge (it could merge with a pass beyond); true if it did. */
  private settle(w: MergedWindow): boolean {
    if (w.end >= this.hi * this.chunkMs) {
      this.ensure(this.lo, this.hi + 1);
      return true;
    }
    if (w.start < (this.lo + 1) * this.chunkMs) {
      this.ensure(this.lo - 1, this.hi);
      return true;
    }
    return false;
  }

  private predict(lo: number, hi: number): void {
    if (hi <= lo) return;
    const from = lo * this.chunkMs;
    const to = hi * this.chunkMs;
    const options = { stepMs: this.stepMs, maxPassMs: this.chunkMs };
    for (const { station, elevation } of this.elevations) {
      this.raw.push(...findPasses(elevation, station.minElevationDeg, station.name, from, to, options));
    }
    this.raw.sort((a, b) => a.aos - b.aos || a.los - b.los || (a.station < b.station ? -1 : 1));
  }

  private merge(): void {
    const merged: MergedWindow[] = [];
    let current: { start: number; end: number; stations: string[]; max: number } | null = null;
    for (const p of this.raw) {
      if (current && p.aos <= current.end) {
        current.end = Math.max(current.end, p.los);
        if (!current.stations.includes(p.station)) current.stations.push(p.station);
        current.max = Math.max(current.max, p.maxElevationDeg);
        continue;
      }
      if (current) merged.push(freeze(current));
      current = { start: p.aos, end: p.los, stations: [p.station], max: p.maxElevationDeg };
    }
    if (current) merged.push(freeze(current));
    this.merged = merged;
  }

  private firstEndingAfter(at: Instant): number {
    let lo = 0;
    let hi = this.merged.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.merged[mid] as MergedWindow).end <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function freeze(w: { start: number; end: number; stations: string[]; max: number }): MergedWindow {
  return { start: w.start, end: w.end, stations: w.stations.join("+"), maxElevationDeg: w.max };
}
