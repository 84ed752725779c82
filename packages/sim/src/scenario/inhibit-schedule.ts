import type { Dictionary, Instant, Random } from "@uplink/core";
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
 * from the run's own stream so that asking for none draws nothing. With a dictionary, the names
 * are its commands', and each change also inhibits up to two of its categories.
 */
export function seededInhibitChanges(
  random: Random,
  count: number,
  durationMs: number,
  spacecraft: readonly string[],
  dictionary: Dictionary | null = null,
): InhibitChange[] {
  const names: readonly string[] = dictionary ? dictionary.commands.map((c) => c.name) : WORKLOAD_NAMES;
  const categories = dictionary ? [...new Set(dictionary.commands.map((c) => c.category))].sort() : [];
  const changes: InhibitChange[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random.next() * durationMs);
    const spacecraftId = spacecraft[Math.floor(random.next() * spacecraft.length)] as string;
    const size = Math.floor(random.next() * 4);
    const commands = Array.from(
      { length: size },
      () => names[Math.floor(random.next() * names.length)] as string,
    );
    if (categories.length === 0) {
      changes.push({ at, spacecraftId, commands });
      continue;
    }
    const inhibited = Array.from(
      { length: Math.floor(random.next() * 3) },
      () => categories[Math.floor(random.next() * categories.length)] as string,
    );
    changes.push({ at, spacecraftId, commands, categories: inhibited });
  }
  return changes.sort((a, b) => a.at - b.at);
}

/** The changes as absolute instants, in order (a stable sort keeps same-instant changes as given). */
export function inhibitTimeline(changes: readonly InhibitChange[], start: Instant): InhibitChange[] {
  return changes.map((c) => ({ ...c, at: start + c.at })).sort((a, b) => a.at - b.at);
}
