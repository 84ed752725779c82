import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type Awaitable,
  type Dictionary,
  type DictionaryCatalog,
  DictionaryError,
  missionKey,
  parseDictionaryJson,
} from "@uplink/core";
import type { Logger } from "pino";

/** The bundled demo mission's dictionary (SPEC §8–9), shipped with the server. */
export const DEMO_DICTIONARY_PATH = fileURLToPath(new URL("../../dictionaries/demo.json", import.meta.url));

/**
 * Reads and validates one dictionary file; a file that cannot be read, is not JSON or breaks
 * the shape throws a {@link DictionaryError} whose one-line message names the file and the place.
 */
export function readDictionaryFile(path: string): Dictionary {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new DictionaryError(
      "",
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      path,
    );
  }
  return parseDictionaryJson(text, path);
}

/**
 * Reads every file of `UPLINK_DICTIONARY`, refusing two files of one mission; throws the first
 * {@link DictionaryError}.
 */
export function readDictionaryFiles(paths: readonly string[]): { path: string; dictionary: Dictionary }[] {
  const byMission = new Map<string, string>();
  return paths.map((path) => {
    const dictionary = readDictionaryFile(path);
    const earlier = byMission.get(missionKey(dictionary.mission));
    if (earlier !== undefined) {
      throw new DictionaryError("mission", `${dictionary.mission} is also the mission of ${earlier}`, path);
    }
    byMission.set(missionKey(dictionary.mission), path);
    return { path, dictionary };
  });
}

/**
 * Puts the configured dictionary files into the catalog at start (they win over what was put
 * through the API before: the files are the configuration), then the bundled demo dictionary
 * if the mission `demo` has none yet (a fresh `npm start`).
 */
export async function loadDictionaries(
  catalog: DictionaryCatalog,
  paths: readonly string[],
  logger: Logger,
): Promise<void> {
  for (const { path, dictionary } of readDictionaryFiles(paths)) {
    const stored = await put(catalog, dictionary, path);
    logger.info(
      { mission: stored.mission, version: stored.version, path },
      `dictionary of ${stored.mission} loaded`,
    );
  }
  if ((await catalog.get("demo")) === null) {
    const stored = await put(catalog, readDictionaryFile(DEMO_DICTIONARY_PATH), DEMO_DICTIONARY_PATH);
    logger.info({ mission: "demo", version: stored.version }, "bundled demo dictionary loaded");
  }
}

function put(catalog: DictionaryCatalog, dictionary: Dictionary, path: string) {
  const stored: Awaitable<Awaited<ReturnType<DictionaryCatalog["put"]>>> = catalog.put(
    dictionary.mission,
    dictionary,
    path,
  );
  return Promise.resolve(stored);
}
