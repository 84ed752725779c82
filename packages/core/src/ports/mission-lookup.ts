import type { Awaitable } from "../awaitable.js";

/**
 * Which mission a spacecraft belongs to, for the dictionary checks of its submissions (SPEC
 * §8–9): the fleet's registry answers it; null for a spacecraft without a mission.
 *
 * @example
 * const missions: MissionLookup = { missionOf: (id) => (id.startsWith("demo-") ? "demo" : null) };
 */
export interface MissionLookup {
  missionOf(spacecraftId: string): Awaitable<string | null>;
}

export const MISSION_LOOKUP = Symbol.for("uplink.MissionLookup");
