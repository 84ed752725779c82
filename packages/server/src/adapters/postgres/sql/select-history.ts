import type { HistoryEntry } from "@uplink/core";
import { type HistoryRow, toHistoryEntry } from "../telecommand-row.js";
import { queryRows, type Runner } from "./query.js";

const HISTORY_COLUMNS =
  "event_id, command_id, seq, from_status, to_status, at, reason, source, actor, ignored, kind";

/** One command's history, oldest first. */
export async function selectHistory(runner: Runner, commandId: string): Promise<HistoryEntry[]> {
  const rows = await queryRows<HistoryRow>(
    runner,
    `SELECT ${HISTORY_COLUMNS} FROM telecommand_history WHERE command_id = ?::uuid ORDER BY seq`,
    [commandId],
    "uplink_select_history",
  );
  return rows.map(toHistoryEntry);
}

/**
 * The histories of several commands, each oldest first, by command id as PostgreSQL writes a
 * uuid (lower case; a command without history is absent): one query on the
 * `(command_id, seq)` index for a page of commands.
 */
export async function selectHistories(
  runner: Runner,
  commandIds: readonly string[],
): Promise<Map<string, HistoryEntry[]>> {
  const rows = await queryRows<HistoryRow>(
    runner,
    `SELECT ${HISTORY_COLUMNS} FROM telecommand_history WHERE command_id = ANY(?::uuid[]) ORDER BY command_id, seq`,
    [commandIds],
    "uplink_select_histories",
  );
  const byId = new Map<string, HistoryEntry[]>();
  for (const row of rows) {
    const entry = toHistoryEntry(row);
    const entries = byId.get(entry.commandId);
    if (entries === undefined) byId.set(entry.commandId, [entry]);
    else entries.push(entry);
  }
  return byId;
}

/**
 * Every command's history after an event id, in event id order. Event ids are assigned in
 * commit order without gaps (see the history migration), so a reader that resumes from the
 * last id it saw never skips a row that commits later.
 */
export async function selectHistoryAfter(
  runner: Runner,
  after: number,
  limit: number,
): Promise<HistoryEntry[]> {
  const rows = await queryRows<HistoryRow>(
    runner,
    `SELECT ${HISTORY_COLUMNS} FROM telecommand_history WHERE event_id > ?::bigint ORDER BY event_id LIMIT ?`,
    [after, limit],
    "uplink_select_history_after",
  );
  return rows.map(toHistoryEntry);
}

/**
 * The highest event id committed. The writers take ids from the event counter's row and hold
 * its lock until they commit, so every id up to this one is committed and any later commit
 * gets a higher one: a reader that anchors here and then reads on from it misses nothing.
 */
export async function selectLastEventId(runner: Runner): Promise<number> {
  const rows = await queryRows<{ last_event_id: number | string }>(
    runner,
    "SELECT last_event_id FROM telecommand_event_counter WHERE id = 1",
    [],
    "uplink_select_last_event_id",
  );
  return Number(rows[0]?.last_event_id ?? 0);
}
