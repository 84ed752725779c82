import type { IdempotencyClaim, Telecommand, TransitionSource } from "@uplink/core";
import { notifiedColumn, notifyCte, queryRows, type Runner } from "./query.js";

/** One command to store, with its idempotency claim and the source of its first history row. */
export interface NewTelecommand {
  readonly command: Telecommand;
  readonly idempotency: IdempotencyClaim | undefined;
  readonly source: TransitionSource;
}

/** What happened to each input, in input order: stored (with its first event id) or not. */
export type InsertedRow = { readonly stored: true; readonly eventId: number } | { readonly stored: false };

const statement = (channel: string | null) => `
WITH input AS (
  SELECT * FROM json_to_recordset(?::json) AS i(
    ord int, id uuid, spacecraft_id text, name text, args jsonb, priority int, status text, failure_reason text,
    created_at bigint, updated_at bigint, transmitted_at bigint, acknowledged_at bigint, executed_at bigint,
    failed_at bigint, cancelled_at bigint, not_before bigint, not_after bigint, deadline bigint, version int,
    idempotency_key text, fingerprint text, source text, dv text, cat text, hz boolean, am int, em int, sb text)
),
claimed AS (
  INSERT INTO idempotency_keys (key, fingerprint, command_id, created_at)
  SELECT idempotency_key, fingerprint, id, created_at FROM input WHERE idempotency_key IS NOT NULL ORDER BY ord
  ON CONFLICT (key) DO NOTHING
  RETURNING command_id
),
inserted AS (
  INSERT INTO telecommands (
    id, spacecraft_id, name, args, priority, status, failure_reason, created_at, updated_at, transmitted_at,
    acknowledged_at, executed_at, failed_at, cancelled_at, not_before, not_after, deadline, version, history_seq,
    dictionary_version, category, hazardous, acceptance_timeout_ms, execution_timeout_ms, submitted_by)
  SELECT id, spacecraft_id, name, args, priority, status, failure_reason, created_at, updated_at, transmitted_at,
    acknowledged_at, executed_at, failed_at, cancelled_at, not_before, not_after, deadline, version, 1,
    dv, cat, coalesce(hz, false), am, em, sb
  FROM input
  WHERE idempotency_key IS NULL OR id IN (SELECT command_id FROM claimed)
  RETURNING id
),
counter AS (
  UPDATE telecommand_event_counter
  SET last_event_id = last_event_id + (SELECT count(*) FROM inserted)
  WHERE id = 1 AND EXISTS (SELECT 1 FROM inserted)
  RETURNING last_event_id
),
numbered AS (
  SELECT i.ord, i.id AS command_id, i.status, i.spacecraft_id, i.created_at, i.source, i.sb,
    c.last_event_id - (SELECT count(*) FROM inserted) + row_number() OVER (ORDER BY i.ord) AS event_id
  FROM input i JOIN inserted USING (id) CROSS JOIN counter c
),
history AS (
  INSERT INTO telecommand_history (event_id, command_id, seq, from_status, to_status, at, reason, source, actor, ignored)
  SELECT event_id, command_id, 1, NULL, status, created_at, NULL, source, sb, false FROM numbered
),
counted AS (
  INSERT INTO telecommand_status_counts (status, n)
  SELECT status, count(*) FROM numbered GROUP BY status
  ON CONFLICT (status) DO UPDATE SET n = telecommand_status_counts.n + excluded.n
)${notifyCte(channel, "numbered", "event_id, command_id, status, spacecraft_id, true")}
SELECT n.ord, n.event_id${notifiedColumn(channel)} FROM numbered n`;
const WITH_NOTIFY = statement("channel");
const WITHOUT_NOTIFY = statement(null);

/**
 * Stores new commands, each with its first history row (`null → status`) and its idempotency
 * key, and counts them by status, in one statement (one transaction). A command whose key is already taken — by an
 * earlier statement or by an earlier input of this one — is not stored; the caller reads the
 * key's owner. Event ids come from the counter row, so they are in commit order.
 */
export async function insertTelecommands(
  runner: Runner,
  channel: string | null,
  inputs: readonly NewTelecommand[],
): Promise<InsertedRow[]> {
  // A command's profile goes under short keys, and only when it has one: most have none.
  const payload = inputs.map(({ command: c, idempotency, source }, ord) => ({
    ord,
    id: c.id,
    spacecraft_id: c.spacecraftId,
    name: c.name,
    args: c.args,
    priority: c.priority,
    status: c.status,
    failure_reason: c.failureReason,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    transmitted_at: c.transmittedAt,
    acknowledged_at: c.acknowledgedAt,
    executed_at: c.executedAt,
    failed_at: c.failedAt,
    cancelled_at: c.cancelledAt,
    not_before: c.notBefore,
    not_after: c.notAfter,
    deadline: c.deadline,
    version: c.version,
    idempotency_key: idempotency?.key ?? null,
    fingerprint: idempotency?.fingerprint ?? null,
    source,
    sb: c.submittedBy,
    ...(c.profile !== null && {
      dv: c.profile.dictionaryVersion,
      cat: c.profile.category,
      hz: c.profile.hazardous,
      am: c.profile.acceptanceMs,
      em: c.profile.executionMs,
    }),
  }));
  const bindings = channel === null ? [JSON.stringify(payload)] : [JSON.stringify(payload), channel];
  const rows = await queryRows<{ ord: number; event_id: number }>(
    runner,
    channel === null ? WITHOUT_NOTIFY : WITH_NOTIFY,
    bindings,
    channel === null ? "uplink_insert_telecommands" : "uplink_insert_telecommands_notify",
  );
  const results: InsertedRow[] = inputs.map(() => ({ stored: false }));
  for (const row of rows) results[row.ord] = { stored: true, eventId: Number(row.event_id) };
  return results;
}
