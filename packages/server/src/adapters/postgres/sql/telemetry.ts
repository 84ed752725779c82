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
 * Stores a batch of points in one statement: every point into the history (the first of a
 * spacecraft, parameter and seq wins, in input order), and each parameter's highest seq into
 * the latest values unless a higher one is stored. Latest rows are written in key order, so
 * that concurrent batches never deadlock.
 */
export async function recordTelemetry(runner: Runner, points: readonly TelemetryPoint[]): Promise<void> {
  const input = points.map((p, o) => ({ s: p.spacecraftId, n: p.name, v: p.value, t: p.time, q: p.seq, o }));
  await queryRows(
    runner,
    `WITH input AS (
       SELECT s, n, v, t, q, o
       FROM json_to_recordset(?::json) AS p(s text, n text, v jsonb, t bigint, q bigint, o int)
     ),
     kept AS (
       INSERT INTO telemetry_history (spacecraft_id, name, seq, time, value)
       SELECT s, n, q, t, v FROM input ORDER BY o
       ON CONFLICT DO NOTHING
     ),
     newest AS (
       SELECT DISTINCT ON (s, n) s, n, v, t, q FROM input ORDER BY s, n, q DESC, o
     )
     INSERT INTO telemetry_latest AS l (spacecraft_id, name, value, time, seq)
     SELECT s, n, v, t, q FROM newest ORDER BY s, n
     ON CONFLICT (spacecraft_id, name) DO UPDATE
       SET value = excluded.value, time = excluded.time, seq = excluded.seq
       WHERE l.seq < excluded.seq`,
    [JSON.stringify(input)],
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
    `SELECT spacecraft_id, name, value, time, seq FROM telemetry_history
     WHERE spacecraft_id = ? AND name = ? AND time >= ? AND time <= ?
     ORDER BY time, seq LIMIT ?`,
    [range.spacecraftId, range.name, range.from ?? -FAR, range.to ?? FAR, range.limit],
    "uplink_telemetry_range",
  );
  return rows.map(pointOf);
}

/** Deletes history points older than `before`; answers how many. */
export async function pruneTelemetry(runner: Runner, before: number): Promise<number> {
  const rows = await queryRows<{ dropped: number | string }>(
    runner,
    `WITH dropped AS (DELETE FROM telemetry_history WHERE time < ? RETURNING 1)
     SELECT count(*) AS dropped FROM dropped`,
    [before],
  );
  return Number(rows[0]?.dropped ?? 0);
}
