import type { Runner, SqlValue } from "./sql-runner.js";

export type { Runner } from "./sql-runner.js";

/**
 * Runs one statement with bound parameters and returns its rows. With `prepared`, PostgreSQL
 * keeps it as a named prepared statement per connection and skips parsing and planning on the
 * next runs: only for fixed texts whose plan does not depend on the values (never for queries
 * that rely on a partial index matching a bound status, which a generic plan cannot prove).
 */
export function queryRows<T>(
  runner: Runner,
  sql: string,
  bindings: readonly SqlValue[] = [],
  prepared?: string,
): Promise<T[]> {
  return runner.rows<T>(sql, bindings, prepared);
}

// NOTIFY payloads must stay under 8 000 bytes: notices are cut into chunks of about this many
// bytes (a chunk ends with the first notice past it; one notice is at most a few hundred bytes).
const NOTICE_CHUNK_BYTES = 7_000;

/**
 * The CTE `notified` that announces committed history rows on the change feed: one NOTIFY
 * per chunk of up to ~7 000 bytes, whose payload is a JSON array of notices
 * `[eventId, commandId, status, spacecraftId, submitted]` in event id order (PostgreSQL
 * delivers them at commit, in the order sent). One NOTIFY per row cost the database a queue
 * entry and the listening connection a message and a parse for each transition; a batch of
 * 500 now sends about seven. `source` names a CTE with an `event_id` column; `fields` are the
 * five expressions over it. Null channel: the embedded database, where the adapter publishes
 * in-process instead (the empty string: no CTE). Reference it with {@link notifiedColumn}, as
 * an unreferenced CTE is never run.
 */
export function notifyCte(channel: string | null, source: string, fields: string): string {
  if (channel === null) return "";
  return `,
notices AS (
  SELECT event_id, json_build_array(${fields})::text AS notice FROM ${source}
),
notified AS (
  -- pg_notify is volatile: PostgreSQL evaluates it after the sort, so chunks go out in order.
  SELECT pg_notify(?, '[' || string_agg(notice, ',' ORDER BY event_id) || ']')
  FROM (
    SELECT event_id, notice,
      (sum(octet_length(notice) + 1) OVER (ORDER BY event_id) - 1) / ${NOTICE_CHUNK_BYTES} AS chunk
    FROM notices
  ) chunked
  GROUP BY chunk
  ORDER BY chunk
)`;
}

/** The select-list entry that runs {@link notifyCte} (the empty string without a channel). */
export function notifiedColumn(channel: string | null): string {
  return channel === null ? "" : ", (SELECT count(*) FROM notified) AS notified";
}
