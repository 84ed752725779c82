import { fileURLToPath } from "node:url";
import { ConfigError, isInContact, PeriodicContactPlan } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { parseStations } from "../../src/passes/ground-station.js";
import { TlePassContactPlan } from "../../src/passes/tle-pass-contact-plan.js";
import { contactPlanFromSpec, createTleResolver } from "../../src/passes/tle-resolver.js";

const issPath = fileURLToPath(new URL("../fixtures/iss.tle", import.meta.url));

describe("contactPlanFromSpec", () => {
  it("builds a TLE plan over the given stations for tle:PATH", () => {
    const plan = contactPlanFromSpec(`tle:${issPath}`, { stations: "REDU:50.002,5.146,0.37,5" });
    expect(plan).toBeInstanceOf(TlePassContactPlan);
    const epoch = Date.parse("2024-05-06T19:53:05Z");
    const w = plan.windowAt("sc-1", epoch);
    expect(w?.station).toBe("REDU");
    expect(isInContact(plan, "sc-1", (w?.start ?? 0) + 1000)).toBe(true);
  });

  it("passes other specs through to core", () => {
    expect(contactPlanFromSpec("periodic:90m/10m")).toBeInstanceOf(PeriodicContactPlan);
  });

  it("names UPLINK_STATIONS when the stations are bad, and UPLINK_CONTACTS when the file is", () => {
    expect(() => contactPlanFromSpec(`tle:${issPath}`, { stations: "REDU:50,5" })).toThrow(
      /^UPLINK_STATIONS: /,
    );
    expect(() => contactPlanFromSpec("tle:/no/such/file.tle")).toThrow(ConfigError);
    expect(() => contactPlanFromSpec("tle:/no/such/file.tle")).toThrow(
      /^UPLINK_CONTACTS: cannot read TLE file/,
    );
    expect(() => contactPlanFromSpec("tle:x", { readFile: () => "not a tle" })).toThrow(
      /UPLINK_CONTACTS: x line/,
    );
  });

  it("lets a resolver be built once with parsed stations and a custom reader", () => {
    const text = `1 25544U 98067A   24127.82853009  .00015698  00000+0  27310-3 0  9995
2 25544  51.6393 160.4574 0003580 140.6673 205.7250 15.50957674452123`;
    const resolve = createTleResolver({
      stations: parseStations("REDU:50.002,5.146,0.37,5"),
      readFile: () => text,
    });
    expect(resolve("anything")).toBeInstanceOf(TlePassContactPlan);
  });
});
