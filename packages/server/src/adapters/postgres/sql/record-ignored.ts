import type { HistoryEntry, IgnoredEvent } from "@uplink/core";
import { type HistoryRow, toHistoryEntry } from "../telecommand-row.js";
import { notifiedColumn, notifyCte, queryRows, type Runner } from "./query.js";

const statement = (channel: string | null) => `
WITH bumped AS (
  UPDATE telecommands SET history_seq = history_seq + 1 WHERE id = ?::uuid
  RETURNING id, status, spacecraft_id, history_seq
),
counter AS (
  UPDATE telecommand_event_counter SET last_event_id = last_event_id + 1
  WHERE id = 1 AND EXISTS (SELECT 1 FROM bumped)
  RETURNING last_event_id
),
entry AS (
  INSERT INTO telecommand_history (event_id, command_id, seq, from_status, to_status, at, reason, source, actor, ignored, kind)
  SELECT c.last_event_id, b.id, b.history_seq, b.status, b.status, ?::bigint, ?::text, ?::text, ?::text,
    ?::text IS NULL, coalesce(?::text, 'transition') FROM bumped b CROSS JOIN counter c
  RETURNING event_id, command_id, seq, from_status, to_status, at, reason, source, actor, ignored, kind
),
recorded AS (
  SELECT e.event_id, e.command_id, e.seq, e.from_status, e.to_status, e.at, e.reason, e.source, e.actor, e.ignored, e.kind,
    b.status, b.spacecraft_id
  FROM entry e JOIN bumped b ON b.id = e.command_id
)${notifyCte(channel, "recorded", "event_id, command_id, status, spacecraft_id, false")}
SELECT r.event_id, r.command_id, r.seq, r.from_status, r.to_status, r.at, r.reason, r.source, r.actor, r.ignored, r.kind,
  r.status, r.spacecraft_id${notifiedColumn(channel)}
FROM recorded r`;

const WITH_NOTIFY = statement("channel");
const WITHOUT_NOTIFY = statement(null);

/** A recorded ignored entry, with what the change feed needs to route it. */
export interface RecordedIgnored {
  readonly entry: HistoryEntry;
  readonly status: string;
  readonly spacecraftId: string;
}

/**
 * Appends an ignored history row (`status → status`, `ignored = true`), or a comment (kind
 * `comment`, not ignored), without changing the command, in one statement; null when the
 * command does not exist.
 */
export async function recordIgnored(
  runner: Runner,
  channel: string | null,
  event: IgnoredEvent,
): Promise<RecordedIgnored | null> {
  const kind = event.kind ?? null;
  const bindings = [event.id, event.at, event.reason, event.source, event.actor, kind, kind];
  if (channel !== null) bindings.push(channel);
  const rows = await queryRows<HistoryRow & { status: string; spacecraft_id: string }>(
    runner,
    channel === null ? WITHOUT_NOTIFY : WITH_NOTIFY,
    bindings,
    channel === null ? "uplink_record_ignored" : "uplink_record_ignored_notify",
  );
  const row = rows[0];
  return row ? { entry: toHistoryEntry(row), status: row.status, spacecraftId: row.spacecraft_id } : null;
}
