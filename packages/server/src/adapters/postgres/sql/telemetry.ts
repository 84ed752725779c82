import type { TelemetryPoint, TelemetryRange } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

interface PointRow {
  spacecraft_id: string;
  name: string;
  value: TelemetryPoint["value"];
  time: number | string;
  seq: number | string;
}

const pointOf = (row: PointRow): TelemetryPoint => ({
  spacecraftId: row.spacecraft_id,
  name: row.name,
  value: row.value,
  time: Number(row.time),
  seq: Number(row.seq),
});

/**
 * Stores a batch of points in one statement: the history one row per frame (points grouped by
 * spacecraft and seq; the first frame stored for a seq wins), and each parameter's highest seq
 * into the latest values unless a higher one is stored. Rows are written in key order, so that
 * concurrent batches never deadlock.
 */
export async function recordTelemetry(runner: Runner, points: readonly TelemetryPoint[]): Promise<void> {
  const frames = new Map<string, { s: string; q: number; t: number; p: Record<string, unknown> }>();
  const newest = new Map<string, { s: string; n: string; v: unknown; t: number; q: number }>();
  for (const point of points) {
    const frameKey = `${point.spacecraftId}\u0000${point.seq}`;
    let frame = frames.get(frameKey);
    if (!frame) {
      frame = { s: point.spacecraftId, q: point.seq, t: point.time, p: {} };
      frames.set(frameKey, frame);
    }
    if (!Object.hasOwn(frame.p, point.name)) frame.p[point.name] = point.value;
    const valueKey = `${point.spacecraftId}\u0000${point.name}`;
    const known = newest.get(valueKey);
    if (!known || known.q < point.seq) {
      newest.set(valueKey, {
        s: point.spacecraftId,
        n: point.name,
        v: point.value,
        t: point.time,
        q: point.seq,
      });
    }
  }
  await queryRows(
    runner,
    `WITH kept AS (
       INSERT INTO telemetry_history (spacecraft_id, seq, time, parameters)
       SELECT s, q, t, p FROM json_to_recordset(?::json) AS f(s text, q bigint, t bigint, p jsonb) ORDER BY s, q
       ON CONFLICT DO NOTHING
     )
     INSERT INTO telemetry_latest AS l (spacecraft_id, name, value, time, seq)
     SELECT s, n, v, t, q FROM json_to_recordset(?::json) AS p(s text, n text, v jsonb, t bigint, q bigint)
     ORDER BY s, n
     ON CONFLICT (spacecraft_id, name) DO UPDATE
       SET value = excluded.value, time = excluded.time, seq = excluded.seq
       WHERE l.seq < excluded.seq`,
    [JSON.stringify([...frames.values()]), JSON.stringify([...newest.values()])],
    "uplink_record_telemetry",
  );
}

/** The latest values of these spacecraft, by spacecraft then name. */
export async function selectLatestTelemetry(
  runner: Runner,
  ids: readonly string[],
): Promise<TelemetryPoint[]> {
  const rows = await queryRows<PointRow>(
    runner,
    `SELECT spacecraft_id, name, value, time, seq FROM telemetry_latest
     WHERE spacecraft_id = ANY(?::text[]) ORDER BY spacecraft_id, name`,
    [ids],
    "uplink_latest_telemetry",
  );
  return rows.map(pointOf);
}

// Beyond any instant a Date can hold: an absent bound.
const FAR = 9_000_000_000_000_000;

/** One parameter's points in a time range, oldest first. */
export async function selectTelemetryRange(runner: Runner, range: TelemetryRange): Promise<TelemetryPoint[]> {
  const rows = await queryRows<PointRow>(
    runner,
    `SELECT spacecraft_id, ?::text AS name, parameters -> ?::text AS value, time, seq FROM telemetry_history
     WHERE spacecraft_id = ? AND time >= ? AND time <= ? AND parameters -> ?::text IS NOT NULL
     ORDER BY time, seq LIMIT ?`,
    [
      range.name,
      range.name,
      range.spacecraftId,
      range.from ?? -FAR,
      range.to ?? FAR,
      range.name,
      range.limit,
    ],
    "uplink_telemetry_range",
  );
  return rows.map(pointOf);
}

/** Deletes the history's frames older than `before`; answers how many. */
export async function pruneTelemetry(runner: Runner, before: number): Promise<number> {
  const rows = await queryRows<{ dropped: number | string }>(
    runner,
    `WITH dropped AS (DELETE FROM telemetry_history WHERE time < ? RETURNING 1)
     SELECT count(*) AS dropped FROM dropped`,
    [before],
  );
  return Number(rows[0]?.dropped ?? 0);
}
