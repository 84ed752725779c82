import { readFileSync } from "node:fs";
import { isInContact } from "@uplink/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { elevationFunction, satelliteOf } from "../../src/passes/elevation.js";
import { parseStations } from "../../src/passes/ground-station.js";
import { parseTle, type TleRecord } from "../../src/passes/tle.js";
import { TlePassContactPlan } from "../../src/passes/tle-pass-contact-plan.js";

const tles = parseTle(readFileSync(new URL("../fixtures/iss-noaa19.tle", import.meta.url), "utf8"));
const iss = tles[0] as TleRecord;
const noaa = tles[1] as TleRecord;
// Two close stations so that their passes overlap and must merge, and one far away.
const stations = parseStations(
  "REDU:50.002,5.146,0.37,5;DARMSTADT:49.87,8.65,0.14,5;PERTH:-31.8,115.89,0.02,10",
);
const DAY = 86_400_000;

describe("TlePassContactPlan", () => {
  const plan = new TlePassContactPlan(tles, stations, { chunkMs: DAY / 4 });
  const elevations = stations.map((s) => ({ s, e: elevationFunction(satelliteOf(iss), s) }));
  const from = iss.epoch;

  it("is in contact exactly when some station sees the satellite above its mask", () => {
    // Sampled near windows (where mistakes would be) as well as anywhere.
    const windows = plan.windowsBetween("sc-1", from, from + 2 * DAY);
    expect(windows.length).toBeGreaterThan(5);
    const nearEdges = windows.flatMap((w) => [w.start - 1, w.start, w.end - 1, w.end]);
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: from, max: from + 2 * DAY }), fc.constantFrom(...nearEdges)),
        (t) => {
          const visible = elevations.some(({ s, e }) => e(t) >= s.minElevationDeg);
          expect(isInContact(plan, "sc-1", t)).toBe(visible);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("merges overlapping passes of different stations into one window naming both", () => {
    const windows = plan.windowsBetween("sc-1", from, from + 3 * DAY);
    for (let i = 1; i < windows.length; i++) {
      expect((windows[i] as { start: number }).start).toBeGreaterThan(
        (windows[i - 1] as { end: number }).end,
      );
    }
    expect(windows.some((w) => w.station?.includes("+"))).toBe(true);
    const raw = plan.passesBetween("sc-1", from, from + 3 * DAY);
    expect(raw.length).toBeGreaterThan(windows.length);
    for (const w of windows) {
      const inside = raw.filter((p) => p.aos >= w.start && p.los <= w.end);
      expect(inside.length).toBeGreaterThan(0);
      expect(w.maxElevationDeg).toBe(Math.max(...inside.map((p) => p.maxElevationDeg)));
    }
  });

  it("answers windowAt with the window containing the instant, or else the next one", () => {
    const windows = plan.windowsBetween("sc-1", from - DAY, from + 4 * DAY);
    fc.assert(
      fc.property(fc.integer({ min: from, max: from + 3 * DAY }), (t) => {
        const expected = windows.find((w) => w.end > t);
        expect(plan.windowAt("sc-1", t)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same windows whatever the chunk size, across chunk boundaries", () => {
    const daily = new TlePassContactPlan(tles, stations);
    const hourly = new TlePassContactPlan(tles, stations, { chunkMs: 3_600_000 });
    const a = daily.windowsBetween("sc-1", from, from + 2 * DAY);
    const b = hourly.windowsBetween("sc-1", from, from + 2 * DAY);
    expect(b).toEqual(a);
    // Queried backwards, hour by hour, the hourly plan still agrees.
    for (let t = from + 2 * DAY; t > from; t -= 3_600_000) {
      expect(hourly.windowAt("sc-1", t)).toEqual(daily.windowAt("sc-1", t));
    }
  });

  it("flies the element set titled with the spacecraft id, else the first", () => {
    expect(plan.satelliteFor("NOAA 19")).toBe(noaa);
    expect(plan.satelliteFor("noaa-19")).toBe(noaa);
    expect(plan.satelliteFor("33591")).toBe(noaa);
    expect(plan.satelliteFor("iss.zarya")).toBe(iss);
    expect(plan.satelliteFor("sc-1")).toBe(iss);
    const n = plan.windowsBetween("NOAA 19", from, from + DAY);
    const i = plan.windowsBetween("sc-2", from, from + DAY);
    expect(n).not.toEqual(i.map((w) => ({ ...w, spacecraftId: "NOAA 19" })));
    expect(n.every((w) => w.spacecraftId === "NOAA 19")).toBe(true);
  });

  it("answers null when no station will ever see the satellite within the horizon", () => {
    const arctic = parseStations("ALERT:82.5,-62.3,0.1,20");
    const never = new TlePassContactPlan([iss], arctic, { horizonMs: 3 * DAY });
    expect(never.windowAt("sc-1", from)).toBeNull();
    expect(never.windowsBetween("sc-1", from, from + DAY)).toEqual([]);
  });

  it("refuses an empty list of satellites or stations", () => {
    expect(() => new TlePassContactPlan([], stations)).toThrow(RangeError);
    expect(() => new TlePassContactPlan([iss], [])).toThrow(RangeError);
  });
});
