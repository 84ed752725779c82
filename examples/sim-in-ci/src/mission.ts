import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseStations, parseTle, type ScenarioConfig, TlePassContactPlan } from "@uplink/sim";

/**
 * A mission's own ground segment, as its CI would describe it: two spacecraft, a simple
 * periodic schedule agreed with the ground-station provider, and, for the real thing, passes
 * of its orbit (here the ISS's element set) over its own stations.
 */
export const SPACECRAFT = ["sat-a", "sat-b"] as const;

/** The contact schedule from the service agreement: 12 minutes every 95, starting at 00:07 UTC. */
export const SCHEDULED_CONTACTS = "periodic:95m/12m@7m";

const tle = parseTle(
  readFileSync(fileURLToPath(new URL("../data/iss.tle", import.meta.url)), "utf8"),
  "iss.tle",
);

/** Predicted passes over the mission's stations (built once: its passes are cached across runs). */
export const PREDICTED_CONTACTS = new TlePassContactPlan(
  tle,
  parseStations("REDU:50.002,5.146,0.37,5;MATERA:40.649,16.704,0.54,10;MASPALOMAS:27.764,-15.634,0.2,5"),
);

/** Runs start at the element set's epoch, where SGP4 is accurate. */
export const PASS_EPOCH = (tle[0]?.epoch ?? 0) - ((tle[0]?.epoch ?? 0) % 3_600_000);

/** What the mission fixes in every simulated run: its timeouts and its spacecraft's behaviour. */
export const MISSION_SETTINGS: Partial<ScenarioConfig> = {
  timeouts: { acceptanceMs: 60_000, executionMs: 300_000 },
};
