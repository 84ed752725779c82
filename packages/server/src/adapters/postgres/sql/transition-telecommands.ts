import type { HistoryEntry, Telecommand, TransitionChange } from "@uplink/core";
import { type TelecommandRow, telecommandColumns, toTelecommand } from "../telecommand-row.js";
import { notifyColumn, queryRows, type Runner } from "./query.js";

/** An applied change: the command after it and its history row. */
export interface AppliedChange {
  readonly command: Telecommand;
  readonly entry: HistoryEntry;
}

const statement = (channel: string | null) => `
WITH input AS (
  SELECT * FROM jsonb_to_recordset(?::jsonb) AS i(
    ord int, id uuid, expected_version int, from_status text, to_status text, failure_reason text,
    transmitted_at bigint, acknowledged_at bigint, executed_at bigint, failed_at bigint, cancelled_at bigint,
    deadline bigint, at bigint, reason text, source text)
),
locked AS (
  SELECT id FROM telecommands WHERE id = ANY(?::uuid[]) ORDER BY id FOR UPDATE
),
applied AS (
  UPDATE telecommands t SET
    status = i.to_status,
    failure_reason = i.failure_reason,
    transmitted_at = COALESCE(i.transmitted_at, t.transmitted_at),
    acknowledged_at = COALESCE(i.acknowledged_at, t.acknowledged_at),
    executed_at = COALESCE(i.executed_at, t.executed_at),
    failed_at = COALESCE(i.failed_at, t.failed_at),
    cancelled_at = COALESCE(i.cancelled_at, t.cancelled_at),
    deadline = i.deadline,
    updated_at = i.at,
    version = t.version + 1,
    history_seq = t.history_seq + 1
  FROM input i
  WHERE t.id = i.id AND t.id IN (SELECT id FROM locked)
    AND t.version = i.expected_version AND t.status = i.from_status
  RETURNING ${telecommandColumns("t")}, t.history_seq, i.ord, i.from_status AS entry_from, i.at AS entry_at, i.reason AS entry_reason,
    i.source AS entry_source
),
unleased AS (
  DELETE FROM telecommand_leases WHERE command_id IN (SELECT id FROM applied)
),
counter AS (
  UPDATE telecommand_event_counter
  SET last_event_id = last_event_id + (SELECT count(*) FROM applied)
  WHERE id = 1 AND EXISTS (SELECT 1 FROM applied)
  RETURNING last_event_id
),
numbered AS (
  SELECT a.*,
    c.last_event_id - (SELECT count(*) FROM applied) + row_number() OVER (ORDER BY a.ord) AS event_id
  FROM applied a CROSS JOIN counter c
),
history AS (
  INSERT INTO telecommand_history (event_id, command_id, seq, from_status, to_status, at, reason, source, ignored)
  SELECT event_id, id, history_seq, entry_from, status, entry_at, entry_reason, entry_source, false FROM numbered
),
counted AS (
  INSERT INTO telecommand_status_counts (status, n)
  SELECT status, sum(delta) FROM (
    SELECT entry_from AS status, -1 AS delta FROM numbered
    UNION ALL SELECT status, 1 FROM numbered
  ) moves GROUP BY status HAVING sum(delta) <> 0
  ON CONFLICT (status) DO UPDATE SET n = telecommand_status_counts.n + excluded.n
)
SELECT n.*${notifyColumn(channel, "n.event_id, n.id, n.status, n.spacecraft_id, false")} FROM numbered n`;

const WITH_NOTIFY = statement("channel");
const WITHOUT_NOTIFY = statement(null);

type AppliedRow = TelecommandRow & {
  history_seq: number;
  ord: number;
  event_id: number;
  entry_from: string;
  entry_at: number;
  entry_reason: string | null;
  entry_source: HistoryEntry["source"];
};

/**
 * Applies changes to distinct commands in one statement (one transaction): for each, a
 * compare-and-set on id, version and status, its history row, the end of its lease, and the
 * status counts.
 * The rows are first locked through the primary key in id order, so that concurrent batches
 * cannot deadlock and the plan never scans the table. Returns, in input order, the applied
 * change or null where the compare-and-set failed.
 */
export async function transitionTelecommands(
  runner: Runner,
  channel: string | null,
  changes: readonly TransitionChange[],
): Promise<(AppliedChange | null)[]> {
  const payload = changes.map((c, ord) => ({
    ord,
    id: c.id,
    expected_version: c.expectedVersion,
    from_status: c.from,
    to_status: c.to,
    failure_reason: c.failureReason,
    transmitted_at: c.stamps.transmittedAt ?? null,
    acknowledged_at: c.stamps.acknowledgedAt ?? null,
    executed_at: c.stamps.executedAt ?? null,
    failed_at: c.stamps.failedAt ?? null,
    cancelled_at: c.stamps.cancelledAt ?? null,
    deadline: c.deadline,
    at: c.at,
    reason: c.reason,
    source: c.source,
  }));
  const bindings: (string | string[])[] = [JSON.stringify(payload), changes.map((c) => c.id)];
  if (channel !== null) bindings.push(channel);
  const rows = await queryRows<AppliedRow>(
    runner,
    channel === null ? WITHOUT_NOTIFY : WITH_NOTIFY,
    bindings,
    channel === null ? "uplink_transition_telecommands" : "uplink_transition_telecommands_notify",
  );
  const results: (AppliedChange | null)[] = changes.map(() => null);
  for (const row of rows) {
    results[row.ord] = {
      command: toTelecommand(row),
      entry: {
        eventId: Number(row.event_id),
        commandId: row.id,
        seq: row.history_seq,
        from: row.entry_from,
        to: row.status,
        at: row.entry_at,
        reason: row.entry_reason,
        source: row.entry_source,
        ignored: false,
      },
    };
  }
  return results;
}
