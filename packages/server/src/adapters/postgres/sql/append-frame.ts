import type { DownlinkFrame, FrameArrival, Instant } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

/**
 * Stores a frame unless its (spacecraft, seq) is known: the first write wins. A known frame
 * is a duplicate when its fingerprint matches, a conflict otherwise. When the frame that won
 * committed after this statement began, the statement cannot see it; a second read does.
 */
export async function appendFrame(
  runner: Runner,
  frame: DownlinkFrame,
  fingerprint: string,
  receivedAt: Instant,
): Promise<FrameArrival> {
  const key = [frame.spacecraftId, frame.seq] as const;
  const rows = await queryRows<{ arrival: FrameArrival }>(
    runner,
    `WITH stored AS (
       INSERT INTO downlink_frames (spacecraft_id, seq, fingerprint, frame, received_at)
       VALUES (?, ?::bigint, ?, ?::jsonb, ?::bigint)
       ON CONFLICT (spacecraft_id, seq) DO NOTHING
       RETURNING seq
     )
     SELECT 'new' AS arrival FROM stored
     UNION ALL
     SELECT CASE WHEN f.fingerprint = ? THEN 'duplicate' ELSE 'conflict' END
     FROM downlink_frames f
     WHERE f.spacecraft_id = ? AND f.seq = ?::bigint AND NOT EXISTS (SELECT 1 FROM stored)`,
    [...key, fingerprint, JSON.stringify(frame), receivedAt, fingerprint, ...key],
  );
  const arrival = rows[0]?.arrival;
  if (arrival) return arrival;
  const known = await queryRows<{ fingerprint: string }>(
    runner,
    "SELECT fingerprint FROM downlink_frames WHERE spacecraft_id = ? AND seq = ?::bigint",
    [...key],
  );
  const winner = known[0];
  if (!winner) throw new Error(`frame ${frame.spacecraftId}/${frame.seq} neither stored nor found`);
  return winner.fingerprint === fingerprint ? "duplicate" : "conflict";
}
