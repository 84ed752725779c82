import type { Instant, Random } from "@uplink/core";
import { WORKLOAD_NAMES } from "./workload-names.js";

/** One change of a spacecraft's inhibits during a run: from `at` on, its set is exactly this. */
export interface InhibitChange {
  /** Virtual milliseconds after the run's start. */
  readonly at: number;
  readonly spacecraftId: string;
  readonly categories?: readonly string[];
  readonly commands?: readonly string[];
}

/**
 * `count` seeded inhibit changes over `[0, durationMs)`: each picks a spacecraft and replaces
 * its set with up to three of the workload's command names (none lifts every inhibit), drawn
 * from the run's own stream so that asking for none draws nothing.
 */
export function seededInhibitChanges(
  random: Random,
  count: number,
  durationMs: number,
  spacecraft: readonly string[],
): InhibitChange[] {
  const changes: InhibitChange[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random.next() * durationMs);
    const spacecraftId = spacecraft[Math.floor(random.next() * spacecraft.length)] as string;
    const size = Math.floor(random.next() * 4);
    const commands = Array.from(
      { length: size },
      () => WORKLOAD_NAMES[Math.floor(random.next() * WORKLOAD_NAMES.length)] as string,
    );
    changes.push({ at, spacecraftId, commands });
  }
  return changes.sort((a, b) => a.at - b.at);
}

/** The changes as absolute instants, in order (a stable sort keeps same-instant changes as given). */
export function inhibitTimeline(changes: readonly InhibitChange[], start: Instant): InhibitChange[] {
  return changes.map((c) => ({ ...c, at: start + c.at })).sort((a, b) => a.at - b.at);
}
