import type { Dictionary, StoredDictionary } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

interface DictionaryRow {
  readonly mission: string;
  readonly version: string;
  readonly document: Dictionary;
  readonly updated_at: number | string;
}

const toStored = (row: DictionaryRow): StoredDictionary => ({
  mission: row.mission,
  version: row.version,
  dictionary: row.document,
  updatedAt: Number(row.updated_at),
});

/** Makes `entry` its mission's dictionary, replacing the one stored under the same key. */
export async function upsertDictionary(runner: Runner, key: string, entry: StoredDictionary): Promise<void> {
  await queryRows(
    runner,
    `INSERT INTO dictionaries (mission_key, mission, version, document, updated_at)
     VALUES (?, ?, ?, ?::json, ?)
     ON CONFLICT (mission_key) DO UPDATE SET mission = excluded.mission, version = excluded.version,
       document = excluded.document, updated_at = excluded.updated_at`,
    [key, entry.mission, entry.version, JSON.stringify(entry.dictionary), entry.updatedAt],
    "uplink_upsert_dictionary",
  );
}

/** The dictionary stored under `key`, or null. */
export async function selectDictionary(runner: Runner, key: string): Promise<StoredDictionary | null> {
  const rows = await queryRows<DictionaryRow>(
    runner,
    "SELECT mission, version, document, updated_at FROM dictionaries WHERE mission_key = ?",
    [key],
    "uplink_select_dictionary",
  );
  return rows[0] === undefined ? null : toStored(rows[0]);
}

/** The version stored under `key`, or null: what a cached copy is compared with. */
export async function selectDictionaryVersion(runner: Runner, key: string): Promise<string | null> {
  const rows = await queryRows<{ version: string }>(
    runner,
    "SELECT version FROM dictionaries WHERE mission_key = ?",
    [key],
    "uplink_select_dictionary_version",
  );
  return rows[0]?.version ?? null;
}

/** Every stored dictionary, by mission key. */
export async function selectDictionaries(runner: Runner): Promise<StoredDictionary[]> {
  const rows = await queryRows<DictionaryRow>(
    runner,
    "SELECT mission, version, document, updated_at FROM dictionaries ORDER BY mission_key",
    [],
    "uplink_select_dictionaries",
  );
  return rows.map(toStored);
}
