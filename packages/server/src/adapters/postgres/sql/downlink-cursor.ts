import { queryRows, type Runner } from "./query.js";

/** The highest seq applied or skipped for a spacecraft (0 when none). */
export async function selectCursor(runner: Runner, spacecraftId: string): Promise<number> {
  const rows = await queryRows<{ seq: number }>(
    runner,
    "SELECT seq FROM downlink_cursors WHERE spacecraft_id = ?",
    [spacecraftId],
  );
  return rows[0] ? Number(rows[0].seq) : 0;
}

/** Moves a spacecraft's cursor to `seq` unless it is already there or beyond (never back). */
export async function advanceCursor(runner: Runner, spacecraftId: string, seq: number): Promise<void> {
  await queryRows(
    runner,
    `INSERT INTO downlink_cursors (spacecraft_id, seq) VALUES (?, ?::bigint)
     ON CONFLICT (spacecraft_id) DO UPDATE SET seq = excluded.seq
     WHERE downlink_cursors.seq < excluded.seq`,
    [spacecraftId, seq],
  );
}
