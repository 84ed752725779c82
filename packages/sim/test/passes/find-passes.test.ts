import { readFileSync } from "node:fs";
import fc from "fast-check";
import { degreesToRadians, ecfToLookAngles, eciToEcf, gstime, propagate } from "satellite.js";
import { describe, expect, it } from "vitest";
import { elevationFunction, satelliteOf } from "../../src/passes/elevation.js";
import { findPasses, type Pass } from "../../src/passes/find-passes.js";
import type { GroundStation } from "../../src/passes/ground-station.js";
import { parseTle, type TleRecord } from "../../src/passes/tle.js";

const [iss, noaa19] = parseTle(
  readFileSync(new URL("../fixtures/iss-noaa19.tle", import.meta.url), "utf8"),
) as [TleRecord, TleRecord];

/** Elevation through satellite.js's own public transforms: an independent reference. */
function referenceElevation(tle: TleRecord, station: GroundStation): (at: number) => number {
  const satrec = satelliteOf(tle);
  const observer = {
    latitude: degreesToRadians(station.latitudeDeg),
    longitude: degreesToRadians(station.longitudeDeg),
    height: station.altitudeKm,
  };
  return (at) => {
    const date = new Date(at);
    const state = propagate(satrec, date);
    if (!state) return -90;
    const look = ecfToLookAngles(observer, eciToEcf(state.position, gstime(date)));
    return (look.elevation * 180) / Math.PI;
  };
}

interface BrutePass {
  readonly aos: number;
  readonly los: number;
  readonly max: number;
}

/** Passes by stepping one second at a time: AOS is the first visible second, LOS the first one after. */
function bruteForce(elevation: (at: number) => number, min: number, from: number, to: number): BrutePass[] {
  const passes: BrutePass[] = [];
  let open: { aos: number; max: number } | null = elevation(from - 1000) >= min ? { aos: -1, max: 0 } : null;
  for (let t = from; ; t += 1000) {
    const e = elevation(t);
    if (open === null && t >= to) break;
    if (open === null && e >= min) open = { aos: t, max: e };
    else if (open !== null && e >= min) open.max = Math.max(open.max, e);
    else if (open !== null) {
      if (open.aos >= 0) passes.push({ aos: open.aos, los: t, max: open.max });
      open = null;
    }
  }
  return passes;
}

const arbStation = (maxAbsLat: number) =>
  fc.record({
    name: fc.constant("GS"),
    latitudeDeg: fc.double({ min: -maxAbsLat, max: maxAbsLat, noNaN: true }),
    longitudeDeg: fc.double({ min: -180, max: 180, noNaN: true }),
    altitudeKm: fc.double({ min: 0, max: 3, noNaN: true }),
    minElevationDeg: fc.double({ min: 0, max: 25, noNaN: true }),
  });

const SPAN_MS = 12 * 3_600_000;
let compared = 0;

function compare(tle: TleRecord, station: GroundStation, from: number): void {
  const to = from + SPAN_MS;
  const found = findPasses(
    elevationFunction(satelliteOf(tle), station),
    station.minElevationDeg,
    "GS",
    from,
    to,
  );
  const brute = bruteForce(referenceElevation(tle, station), station.minElevationDeg, from, to);
  // A pass within a second of the interval's edges may fall on either side of it.
  const nearEdge = (aos: number) => aos < from + 1000 || aos > to - 1000;
  const unmatched: Pass[] = [...found];
  for (const b of brute) {
    const i = unmatched.findIndex((p) => Math.abs(p.aos - b.aos) <= 1000);
    if (i < 0) {
      expect(nearEdge(b.aos), `brute-force pass at ${new Date(b.aos).toISOString()} not found`).toBe(true);
      continue;
    }
    const p = unmatched.splice(i, 1)[0] as Pass;
    compared++;
    // AOS is the first visible millisecond, so the first visible whole second is at most one second later.
    expect(b.aos - p.aos).toBeGreaterThanOrEqual(0);
    expect(b.aos - p.aos).toBeLessThanOrEqual(1000);
    expect(b.los - p.los).toBeGreaterThanOrEqual(0);
    expect(b.los - p.los).toBeLessThanOrEqual(1000);
    expect(p.maxElevationDeg).toBeGreaterThanOrEqual(b.max - 0.01);
    expect(p.maxElevationDeg - b.max).toBeLessThan(0.05);
    expect(p.maxElevationAt).toBeGreaterThanOrEqual(p.aos);
    expect(p.maxElevationAt).toBeLessThan(p.los);
  }
  // What is left is too short for one-second steps to see, or at an edge.
  for (const p of unmatched) expect(p.los - p.aos < 1000 || nearEdge(p.aos)).toBe(true);
}

describe("findPasses", () => {
  it("agrees with one-second brute force for the ISS over random mid-latitude stations", () => {
    compared = 0;
    fc.assert(
      fc.property(arbStation(58), fc.integer({ min: -2 * 86_400, max: 2 * 86_400 }), (station, offsetS) => {
        compare(iss, station, iss.epoch + offsetS * 1000);
      }),
      { numRuns: 12 },
    );
    // Not vacuous: the random stations saw passes.
    expect(compared).toBeGreaterThan(2);
  });

  it("agrees with one-second brute force for NOAA 19 over random stations anywhere", () => {
    compared = 0;
    fc.assert(
      fc.property(arbStation(90), fc.integer({ min: -2 * 86_400, max: 2 * 86_400 }), (station, offsetS) => {
        compare(noaa19, station, noaa19.epoch + offsetS * 1000);
      }),
      { numRuns: 12 },
    );
    expect(compared).toBeGreaterThan(2);
  });

  it("finds real ISS passes over Redu with the elevation above the mask inside and below it outside", () => {
    const redu: GroundStation = {
      name: "REDU",
      latitudeDeg: 50.002,
      longitudeDeg: 5.146,
      altitudeKm: 0.37,
      minElevationDeg: 5,
    };
    const elevation = elevationFunction(satelliteOf(iss), redu);
    const passes = findPasses(elevation, 5, "REDU", iss.epoch, iss.epoch + 86_400_000);
    expect(passes.length).toBeGreaterThanOrEqual(3);
    for (const p of passes) {
      expect(elevation(p.aos)).toBeGreaterThanOrEqual(5);
      expect(elevation(p.aos - 1)).toBeLessThan(5);
      expect(elevation(p.los - 1)).toBeGreaterThanOrEqual(5);
      expect(elevation(p.los)).toBeLessThan(5);
      expect(p.los - p.aos).toBeLessThan(15 * 60_000);
      expect(p.station).toBe("REDU");
    }
  });

  it("splits passes exactly between adjacent intervals, whatever the sampling grid", () => {
    const station: GroundStation = {
      name: "GS",
      latitudeDeg: 40,
      longitudeDeg: -3,
      altitudeKm: 0.6,
      minElevationDeg: 0,
    };
    const elevation = elevationFunction(satelliteOf(iss), station);
    const from = iss.epoch;
    const whole = findPasses(elevation, 0, "GS", from, from + 86_400_000);
    const cuts = [from, from + 7_777_777, from + 31_234_567, from + 50_000_001, from + 86_400_000];
    const pieces = cuts
      .slice(1)
      .flatMap((to, i) => findPasses(elevation, 0, "GS", cuts[i] as number, to, { stepMs: 17_000 }));
    expect(pieces.map((p) => [p.aos, p.los])).toEqual(whole.map((p) => [p.aos, p.los]));
  });
});
