import type { DownlinkFrame, HeldFrame, StoredStream, StreamProgress } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

/**
 * A spacecraft's stream as stored: its cursor and version (0 and 0 when none), and the frames
 * stored beyond the cursor by arrival, in one statement (one snapshot).
 */
export async function selectStream(runner: Runner, spacecraftId: string): Promise<StoredStream> {
  const rows = await queryRows<{
    cursor: number;
    version: number;
    frame: DownlinkFrame | null;
    at: number | null;
  }>(
    runner,
    `WITH c AS (
       SELECT coalesce(max(seq), 0) AS cursor, coalesce(max(version), 0) AS version
       FROM downlink_cursors WHERE spacecraft_id = ?
     )
     SELECT c.cursor, c.version, f.frame, f.received_at AS at
     FROM c LEFT JOIN downlink_frames f ON f.spacecraft_id = ? AND f.seq > c.cursor
     ORDER BY f.received_at, f.seq`,
    [spacecraftId, spacecraftId],
  );
  const first = rows[0];
  const held: HeldFrame[] = [];
  for (const row of rows) if (row.frame !== null) held.push({ frame: row.frame, at: Number(row.at) });
  return { cursor: Number(first?.cursor ?? 0), version: Number(first?.version ?? 0), held };
}

/**
 * Saves a stream's progress in one statement: the cursor moves forward only, the version on
 * by one, and the gaps are recorded. Answers the new version.
 */
export async function saveStream(runner: Runner, progress: StreamProgress): Promise<number> {
  const gaps = progress.gaps.map((gap) => ({
    spacecraft_id: gap.spacecraftId,
    from_seq: gap.fromSeq,
    to_seq: gap.toSeq,
    at: gap.at,
    cause: gap.cause,
  }));
  const rows = await queryRows<{ version: number }>(
    runner,
    `WITH saved AS (
       INSERT INTO downlink_cursors AS c (spacecraft_id, seq, version) VALUES (?, ?::bigint, 1)
       ON CONFLICT (spacecraft_id) DO UPDATE SET seq = greatest(c.seq, excluded.seq), version = c.version + 1
       RETURNING version
     ),
     gaps AS (
       INSERT INTO downlink_gaps (spacecraft_id, from_seq, to_seq, at, cause)
       SELECT spacecraft_id, from_seq, to_seq, at, cause
       FROM json_to_recordset(?::json) AS g(spacecraft_id text, from_seq bigint, to_seq bigint, at bigint, cause text)
       RETURNING 1
     )
     SELECT version, (SELECT count(*) FROM gaps) AS gaps FROM saved`,
    [progress.spacecraftId, progress.cursor, JSON.stringify(gaps)],
  );
  return Number(rows[0]?.version);
}
