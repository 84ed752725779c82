import {
  type DownlinkFrame,
  type HeldFrame,
  type StoredStream,
  type StreamProgress,
  savedCounts,
} from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

/**
 * A spacecraft's stream as stored: its cursor (0 when none) and the frames stored beyond it by
 * arrival, in one statement (one snapshot).
 */
export async function selectStream(runner: Runner, spacecraftId: string): Promise<StoredStream> {
  const rows = await queryRows<{ cursor: number; frame: DownlinkFrame | null; at: number | null }>(
    runner,
    `WITH c AS (SELECT coalesce(max(seq), 0) AS cursor FROM downlink_cursors WHERE spacecraft_id = ?)
     SELECT c.cursor, f.frame, f.received_at AS at
     FROM c LEFT JOIN downlink_frames f ON f.spacecraft_id = ? AND f.seq > c.cursor
     ORDER BY f.received_at, f.seq`,
    [spacecraftId, spacecraftId],
    "uplink_select_stream",
  );
  const held: HeldFrame[] = [];
  for (const row of rows) if (row.frame !== null) held.push({ frame: row.frame, at: Number(row.at) });
  return { cursor: Number(rows[0]?.cursor ?? 0), held };
}

/**
 * Saves a stream's progress in one statement: the cursor moves forward only, the gaps are
 * recorded, and the counts of the frames applied (and the missing seqs) are added to the
 * counters, in name order.
 */
export async function saveStream(runner: Runner, progress: StreamProgress): Promise<void> {
  const gaps = progress.gaps.map((gap) => ({
    spacecraft_id: gap.spacecraftId,
    from_seq: gap.fromSeq,
    to_seq: gap.toSeq,
    at: gap.at,
    cause: gap.cause,
  }));
  await queryRows(
    runner,
    `WITH saved AS (
       INSERT INTO downlink_cursors AS c (spacecraft_id, seq) VALUES (?, ?::bigint)
       ON CONFLICT (spacecraft_id) DO UPDATE SET seq = excluded.seq WHERE c.seq < excluded.seq
       RETURNING 1
     ),
     gaps AS (
       INSERT INTO downlink_gaps (spacecraft_id, from_seq, to_seq, at, cause)
       SELECT spacecraft_id, from_seq, to_seq, at, cause
       FROM json_to_recordset(?::json) AS g(spacecraft_id text, from_seq bigint, to_seq bigint, at bigint, cause text)
       ORDER BY at, from_seq
       RETURNING 1
     ),
     counted AS (
       INSERT INTO counters (name, value)
       SELECT name, n FROM json_to_recordset(?::json) AS a(name text, n bigint) ORDER BY name
       ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM saved) AS saved, (SELECT count(*) FROM gaps) AS gaps`,
    [
      progress.spacecraftId,
      progress.cursor,
      JSON.stringify(gaps),
      JSON.stringify(savedCounts(progress).map(([name, n]) => ({ name, n }))),
    ],
    "uplink_save_stream",
  );
}
