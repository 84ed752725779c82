import { DOWNLINK_COUNTERS, type DownlinkFrame, type FrameArrival, type Instant } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

/** One frame to append, with the fingerprint its duplicates are recognised by, and when it came. */
export interface FrameToAppend {
  readonly frame: DownlinkFrame;
  readonly fingerprint: string;
  readonly at: Instant;
}

// Adds to named counters from a CTE of (name, n) rows, locking them in name order (as every
// writer of `counters` does, so that none deadlocks another).
const COUNT = (source: string) => `
  INSERT INTO counters (name, value)
  SELECT name, sum(n) FROM ${source} WHERE n > 0 GROUP BY name ORDER BY name
  ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value
  RETURNING 1`;

/**
 * Stores frames, each with the instant it came, unless their (spacecraft, seq) is known: the
 * first write wins. A known frame is a duplicate when its fingerprint matches, a conflict
 * otherwise. One statement inserts them all and counts them received and accepted; a second
 * reads the fingerprints of those that lost, in a fresh snapshot (so that a winner committed
 * while the first statement ran is seen), and counts them duplicates or conflicts. Each count
 * is written by the statement that decides it. The (spacecraft, seq) pairs of one call must be
 * distinct. Answers in input order.
 */
export async function appendFrames(
  runner: Runner,
  frames: readonly FrameToAppend[],
): Promise<FrameArrival[]> {
  const payload = frames.map(({ frame, fingerprint, at }, ord) => ({
    ord,
    spacecraft_id: frame.spacecraftId,
    seq: frame.seq,
    fingerprint,
    frame,
    received_at: at,
  }));
  const stored = await queryRows<{ ord: number }>(
    runner,
    `WITH input AS (
       SELECT * FROM json_to_recordset(?::json)
         AS i(ord int, spacecraft_id text, seq bigint, fingerprint text, frame jsonb, received_at bigint)
     ),
     stored AS (
       INSERT INTO downlink_frames (spacecraft_id, seq, fingerprint, frame, received_at)
       SELECT spacecraft_id, seq, fingerprint, frame, received_at FROM input ORDER BY ord
       ON CONFLICT (spacecraft_id, seq) DO NOTHING
       RETURNING spacecraft_id, seq
     ),
     counts AS (
       SELECT ?::text AS name, (SELECT count(*) FROM input) AS n
       UNION ALL SELECT ?::text, (SELECT count(*) FROM stored)
     ),
     counted AS (${COUNT("counts")})
     SELECT i.ord FROM input i JOIN stored s ON s.spacecraft_id = i.spacecraft_id AND s.seq = i.seq`,
    [JSON.stringify(payload), DOWNLINK_COUNTERS.received, DOWNLINK_COUNTERS.accepted],
    "uplink_append_frames",
  );
  const arrivals: (FrameArrival | null)[] = frames.map(() => null);
  for (const row of stored) arrivals[row.ord] = "new";
  const lost = payload.filter((p) => arrivals[p.ord] === null);
  if (lost.length > 0) {
    const known = await queryRows<{ ord: number; same: boolean }>(
      runner,
      `WITH known AS (
         SELECT i.ord, f.fingerprint = i.fingerprint AS same
         FROM json_to_recordset(?::json) AS i(ord int, spacecraft_id text, seq bigint, fingerprint text)
         JOIN downlink_frames f ON f.spacecraft_id = i.spacecraft_id AND f.seq = i.seq
       ),
       counts AS (SELECT CASE WHEN same THEN ?::text ELSE ?::text END AS name, 1 AS n FROM known),
       counted AS (${COUNT("counts")})
       SELECT ord, same FROM known`,
      [
        JSON.stringify(
          lost.map(({ ord, spacecraft_id, seq, fingerprint }) => ({ ord, spacecraft_id, seq, fingerprint })),
        ),
        DOWNLINK_COUNTERS.duplicates,
        DOWNLINK_COUNTERS.conflicts,
      ],
      "uplink_classify_frames",
    );
    for (const row of known) arrivals[row.ord] = row.same ? "duplicate" : "conflict";
  }
  return arrivals.map((arrival, i) => {
    if (arrival === null) {
      const { spacecraftId, seq } = (frames[i] as FrameToAppend).frame;
      throw new Error(`frame ${spacecraftId}/${seq} neither stored nor found`);
    }
    return arrival;
  });
}
