import type { Inhibits } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

/** Replaces a spacecraft's inhibits. */
export async function upsertInhibits(
  runner: Runner,
  spacecraftId: string,
  inhibits: Inhibits,
): Promise<void> {
  await queryRows(
    runner,
    `INSERT INTO spacecraft_inhibits (spacecraft_id, categories, commands) VALUES (?, ?::jsonb, ?::jsonb)
     ON CONFLICT (spacecraft_id) DO UPDATE SET categories = excluded.categories, commands = excluded.commands`,
    [spacecraftId, JSON.stringify(inhibits.categories), JSON.stringify(inhibits.commands)],
    "uplink_upsert_inhibits",
  );
}

/** A spacecraft's inhibits, or null when it has no row. */
export async function selectInhibits(runner: Runner, spacecraftId: string): Promise<Inhibits | null> {
  const rows = await queryRows<{ categories: string[]; commands: string[] }>(
    runner,
    "SELECT categories, commands FROM spacecraft_inhibits WHERE spacecraft_id = ?",
    [spacecraftId],
    "uplink_select_inhibits",
  );
  const row = rows[0];
  return row === undefined ? null : { categories: row.categories, commands: row.commands };
}
