import { missionKey } from "@uplink/core";
import { type KnownCommands, knowsByDefault } from "@uplink/sim";
import { DEMO_DICTIONARY_PATH, readDictionaryFiles } from "../dictionaries/dictionary-files.js";

/**
 * Which commands each spacecraft of `uplink spacecraft` knows on board (SPEC §3, §9): the
 * commands of its mission's dictionary, read at start from the same `UPLINK_DICTIONARY` files
 * the ground loads (plus the bundled `demo` dictionary when no file is for mission `demo`), its
 * mission taken from `UPLINK_SPACECRAFT_MISSIONS`. A spacecraft without a mission, or whose
 * mission has no file, knows every name but those starting with `UNKNOWN`, as the in-process
 * spacecraft without a dictionary does. The process does not ask the ground: a spacecraft's
 * software is loaded before flight, not fetched from the operators' database.
 *
 * @example
 * const knows = onboardDictionaries(["./orbit.json"], { "sat-1": "orbit" });
 * knows("PING", "sat-1"); // whether orbit.json has PING
 */
export function onboardDictionaries(
  paths: readonly string[],
  missions: Readonly<Record<string, string>>,
): KnownCommands {
  const files = readDictionaryFiles(paths);
  const byMission = new Map<string, ReadonlySet<string>>();
  for (const { dictionary } of files)
    byMission.set(missionKey(dictionary.mission), new Set(dictionary.commands.map((c) => c.name)));
  if (!byMission.has(missionKey("demo"))) {
    const [demo] = readDictionaryFiles([DEMO_DICTIONARY_PATH]);
    if (demo) byMission.set(missionKey("demo"), new Set(demo.dictionary.commands.map((c) => c.name)));
  }
  const names = new Map<string, ReadonlySet<string>>();
  for (const [id, mission] of Object.entries(missions)) {
    const known = byMission.get(missionKey(mission));
    if (known) names.set(id, known);
  }
  return (name, spacecraftId) => {
    const known = names.get(spacecraftId);
    return known === undefined ? knowsByDefault(name) : known.has(name);
  };
}
