import { ConfigError } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_STATIONS_SPEC, parseStations } from "../../src/passes/ground-station.js";

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseStations", () => {
  it("parses UPLINK_STATIONS with whitespace and a trailing separator", () => {
    expect(parseStations(" REDU : 50.002, 5.146 ,0.37,5 ; KOUROU:5.251,-52.805,0.01,10;")).toEqual([
      { name: "REDU", latitudeDeg: 50.002, longitudeDeg: 5.146, altitudeKm: 0.37, minElevationDeg: 5 },
      { name: "KOUROU", latitudeDeg: 5.251, longitudeDeg: -52.805, altitudeKm: 0.01, minElevationDeg: 10 },
    ]);
    expect(parseStations(DEFAULT_STATIONS_SPEC).map((s) => s.name)).toEqual(["REDU", "KIRUNA", "KOUROU"]);
  });

  it.each([
    ["", "no station given"],
    ["REDU", "is not NAME:LAT,LON,ALT_KM,MIN_EL_DEG"],
    ["REDU:50,5,0.3", "needs 4 numbers, got 3"],
    ["REDU:91,5,0.3,5", 'LAT "91"'],
    ["REDU:50,-181,0.3,5", 'LON "-181"'],
    ["REDU:50,5,x,5", 'ALT_KM "x"'],
    ["REDU:50,5,0.3,90", 'MIN_EL_DEG "90"'],
    ["REDU:50,5,,5", 'ALT_KM ""'],
    ["A:1,2,0,5;A:3,4,0,5", "used twice"],
    ["A:1,2,0,5;;B:3,4,0,5", "station 2 is empty"],
    ["bad name:1,2,0,5", 'name "bad name"'],
  ])("rejects %j with a ConfigError naming the variable (%s)", (text, why) => {
    const error = configError(() => parseStations(text, "MY_STATIONS"));
    expect(error.variable).toBe("MY_STATIONS");
    expect(error.message).toContain("MY_STATIONS");
    expect(error.message).toContain(why);
  });
});
