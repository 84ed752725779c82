import type { Counters, FleetService } from "@uplink/core";
import type { UplinkConfig } from "../config.js";
import type { Logger } from "../logging/logger.js";

/** Marks the database as having had its demo fleet, so that spacecraft an operator removed stay removed. */
export const DEMO_FLEET_COUNTER = "demoFleetRegistered";

/**
 * The demo fleet of a first start (SPEC §8): `sc-1`, where commands without `spacecraftId` go,
 * following `UPLINK_CONTACTS` (by default always in contact), and two spacecraft of mission
 * `demo` with short periodic passes, so that a local run shows contacts opening and closing.
 */
export const DEMO_FLEET: readonly { readonly id: string; readonly settings: object }[] = [
  { id: "sc-1", settings: { name: "sc-1" } },
  { id: "demo-1", settings: { name: "Demo One", mission: "demo", contacts: "periodic:10m/4m" } },
  { id: "demo-2", settings: { name: "Demo Two", mission: "demo", contacts: "periodic:10m/4m@5m" } },
];

/**
 * Registers the demo fleet on the database's first start, and the ids of `UPLINK_SPACECRAFT`
 * that are missing at every start. Several processes may do it at once: a registration that
 * loses the race is simply not repeated.
 */
export async function registerStartupFleet(
  fleet: FleetService,
  counters: Counters,
  config: UplinkConfig,
  logger: Logger,
): Promise<void> {
  const first = ((await counters.read())[DEMO_FLEET_COUNTER] ?? 0) === 0;
  const wanted = [...(first ? DEMO_FLEET : []), ...config.spacecraft.map((id) => ({ id }))];
  const added = await fleet.ensure(wanted);
  if (first) await counters.add(DEMO_FLEET_COUNTER, 1);
  if (added.length > 0) logger.info({ spacecraft: added }, `registered spacecraft ${added.join(", ")}`);
}
