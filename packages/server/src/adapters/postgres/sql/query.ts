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

/**
 * The expression that announces committed history rows on the change feed: one NOTIFY per
 * row with a compact JSON array `[eventId, commandId, status, spacecraftId, submitted]`
 * (PostgreSQL delivers it at commit); `fields` are those five expressions. Null channel: the
 * embedded database, where the adapter publishes in-process instead.
 */
export function notifyColumn(channel: string | null, fields: string): string {
  if (channel === null) return "";
  return `, pg_notify(?, json_build_array(${fields})::text) AS notified`;
}

/** A `status` condition, with its bindings and whether the statement may be prepared. */
export interface StatusCondition {
  readonly sql: string;
  readonly bindings: string[][];
  /** True for the default lifecycle's queue (`ready`), written as a literal. */
  readonly literal: boolean;
}

/**
 * The condition `column IN statuses`. The default lifecycle's queue, `['ready']`, is written as
 * the literal `= 'ready'`: the partial indexes are defined on it, and with a literal even a
 * prepared statement's generic plan can use them (a bound status hides them from it).
 */
export function statusCondition(column: string, statuses: readonly string[]): StatusCondition {
  if (statuses.length === 1 && statuses[0] === "ready")
    return { sql: `${column} = 'ready'`, bindings: [], literal: true };
  return { sql: `${column} = ANY(?::text[])`, bindings: [statuses as string[]], literal: false };
}
