import type { Spacecraft, SpacecraftChanges } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

/** A `spacecraft` row as the drivers return it (bigint may come back as a string). */
interface SpacecraftRow {
  id: string;
  name: string;
  mission: string | null;
  created_at: number | string;
  contacts: string | null;
  uplink_url: string | null;
  uplink_rate_bps: number | string | null;
  last_frame_at: number | string | null;
}

const COLUMNS = "id, name, mission, created_at, contacts, uplink_url, uplink_rate_bps, last_frame_at";

const COLUMN_OF: Readonly<Record<keyof SpacecraftChanges, string>> = {
  name: "name",
  mission: "mission",
  contacts: "contacts",
  uplinkUrl: "uplink_url",
  uplinkRateBps: "uplink_rate_bps",
};

function spacecraftOf(row: SpacecraftRow): Spacecraft {
  return {
    id: row.id,
    name: row.name,
    mission: row.mission,
    createdAt: Number(row.created_at),
    contacts: row.contacts,
    uplinkUrl: row.uplink_url,
    uplinkRateBps: row.uplink_rate_bps === null ? null : Number(row.uplink_rate_bps),
    lastFrameAt: row.last_frame_at === null ? null : Number(row.last_frame_at),
  };
}

/** Inserts a spacecraft unless its id is taken; true when inserted. */
export async function insertSpacecraft(runner: Runner, s: Spacecraft): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    runner,
    `INSERT INTO spacecraft (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [s.id, s.name, s.mission, s.createdAt, s.contacts, s.uplinkUrl, s.uplinkRateBps, s.lastFrameAt],
  );
  return rows.length === 1;
}

export async function selectSpacecraft(runner: Runner, id: string): Promise<Spacecraft | null> {
  const rows = await queryRows<SpacecraftRow>(
    runner,
    `SELECT ${COLUMNS} FROM spacecraft WHERE id = ?`,
    [id],
    "uplink_select_spacecraft",
  );
  const row = rows[0];
  return row ? spacecraftOf(row) : null;
}

/** The spacecraft among `ids` that are registered, in no order. */
export async function selectSpacecraftIn(runner: Runner, ids: readonly string[]): Promise<Spacecraft[]> {
  const rows = await queryRows<SpacecraftRow>(
    runner,
    `SELECT ${COLUMNS} FROM spacecraft WHERE id = ANY(?::text[])`,
    [ids],
    "uplink_select_spacecraft_in",
  );
  return rows.map(spacecraftOf);
}

/** Every spacecraft, oldest first. */
export async function selectFleet(runner: Runner): Promise<Spacecraft[]> {
  const rows = await queryRows<SpacecraftRow>(
    runner,
    `SELECT ${COLUMNS} FROM spacecraft ORDER BY created_at, id`,
  );
  return rows.map(spacecraftOf);
}

/** Sets the fields a change carries; null when there is no such spacecraft. */
export async function updateSpacecraft(
  runner: Runner,
  id: string,
  changes: SpacecraftChanges,
): Promise<Spacecraft | null> {
  const sets: string[] = [];
  const values: (string | number | null)[] = [];
  for (const [key, column] of Object.entries(COLUMN_OF) as [keyof SpacecraftChanges, string][]) {
    const value = changes[key];
    if (value === undefined) continue;
    sets.push(`${column} = ?`);
    values.push(value);
  }
  if (sets.length === 0) return selectSpacecraft(runner, id);
  const rows = await queryRows<SpacecraftRow>(
    runner,
    `UPDATE spacecraft SET ${sets.join(", ")} WHERE id = ? RETURNING ${COLUMNS}`,
    [...values, id],
  );
  const row = rows[0];
  return row ? spacecraftOf(row) : null;
}

export async function deleteSpacecraft(runner: Runner, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(runner, "DELETE FROM spacecraft WHERE id = ? RETURNING id", [
    id,
  ]);
  return rows.length === 1;
}

/**
 * Moves `last_frame_at` of the listed spacecraft forward to `at` and answers which of them are
 * registered, in one statement (rows locked in id order, so concurrent batches never deadlock).
 */
export async function noteFrames(runner: Runner, ids: readonly string[], at: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    runner,
    `WITH listed AS (
       SELECT s.id FROM spacecraft s WHERE s.id = ANY(?::text[]) ORDER BY s.id FOR UPDATE
     )
     UPDATE spacecraft SET last_frame_at = greatest(coalesce(last_frame_at, ?::bigint), ?::bigint)
     FROM listed WHERE spacecraft.id = listed.id RETURNING spacecraft.id`,
    [ids as string[], at, at],
    "uplink_note_frames",
  );
  return rows.map((row) => row.id);
}
