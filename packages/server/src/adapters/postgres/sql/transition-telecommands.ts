import type { HistoryEntry, Telecommand, TransitionChange } from "@uplink/core";
import { type TelecommandRow, telecommandColumns, toTelecommand } from "../telecommand-row.js";
import { notifiedColumn, notifyCte, queryRows, type Runner } from "./query.js";

/** An applied change: the command after it and its history row. */
export interface AppliedChange {
  readonly command: Telecommand;
  readonly entry: HistoryEntry;
}

/** The command's columns, left null for rows whose caller knows the command before the change (`k`). */
const unlessKnown = (alias: string) =>
  telecommandColumns(alias)
    .split(", ")
    .map((column) => `CASE WHEN ${alias}.k IS NULL THEN ${column} END AS ${column.slice(alias.length + 1)}`)
    .join(", ");

// The input's keys are short and its null fields left out (json_to_recordset reads a missing
// key as null): the payload is about half the size of one with full names and every field,
// which the driver serialises and the socket carries on every transition. It is read as json,
// not jsonb: parsed once, without building a jsonb value first (a 500-row batch parsed in about
// 60% of the time).
const statement = (channel: string | null) => `
WITH input AS (
  SELECT * FROM json_to_recordset(?::json) AS i(
    o int, id uuid, v int, f text, t text, r text, tr bigint, ac bigint, ex bigint, fa bigint, ca bigint,
    d bigint, at bigint, why text, src text, k boolean)
),
locked AS (
  SELECT id FROM telecommands WHERE id = ANY(ARRAY(SELECT id FROM input)) ORDER BY id FOR UPDATE
),
applied AS (
  UPDATE telecommands t SET
    status = i.t,
    failure_reason = i.r,
    transmitted_at = COALESCE(i.tr, t.transmitted_at),
    acknowledged_at = COALESCE(i.ac, t.acknowledged_at),
    executed_at = COALESCE(i.ex, t.executed_at),
    failed_at = COALESCE(i.fa, t.failed_at),
    cancelled_at = COALESCE(i.ca, t.cancelled_at),
    deadline = i.d,
    updated_at = i.at,
    version = t.version + 1,
    history_seq = t.history_seq + 1
  FROM input i
  WHERE t.id = i.id AND t.id IN (SELECT id FROM locked)
    AND t.version = i.v AND t.status = i.f
  RETURNING ${telecommandColumns("t")}, t.history_seq, i.o, i.f, i.at, i.why, i.src, i.k
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
    c.last_event_id - (SELECT count(*) FROM applied) + row_number() OVER (ORDER BY a.o) AS event_id
  FROM applied a CROSS JOIN counter c
),
history AS (
  INSERT INTO telecommand_history (event_id, command_id, seq, from_status, to_status, at, reason, source, ignored)
  SELECT event_id, id, history_seq, f, status, at, why, src, false FROM numbered
),
counted AS (
  INSERT INTO telecommand_status_counts (status, n)
  SELECT status, sum(delta) FROM (
    SELECT f AS status, -1 AS delta FROM numbered
    UNION ALL SELECT status, 1 FROM numbered
  ) moves GROUP BY status HAVING sum(delta) <> 0
  ON CONFLICT (status) DO UPDATE SET n = telecommand_status_counts.n + excluded.n
)${notifyCte(channel, "numbered", "event_id, id, status, spacecraft_id, false")}
SELECT ${unlessKnown("n")}, n.history_seq, n.o, n.event_id${notifiedColumn(channel)}
FROM numbered n`;

const WITH_NOTIFY = statement("channel");
const WITHOUT_NOTIFY = statement(null);

type AppliedRow = TelecommandRow & {
  history_seq: number;
  o: number;
  event_id: number;
};

/** One change as the statement's input row; undefined fields are left out of the JSON. */
interface InputRow {
  o: number;
  id: string;
  v: number;
  f: string;
  t: string;
  r: string | undefined;
  tr: number | undefined;
  ac: number | undefined;
  ex: number | undefined;
  fa: number | undefined;
  ca: number | undefined;
  d: number | undefined;
  at: number;
  why: string | undefined;
  src: string;
  k: true | undefined;
}

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
  known: readonly (Telecommand | undefined)[] = [],
): Promise<(AppliedChange | null)[]> {
  const payload = changes.map(
    (c, o): InputRow => ({
      o,
      id: c.id,
      v: c.expectedVersion,
      f: c.from,
      t: c.to,
      r: c.failureReason ?? undefined,
      tr: c.stamps.transmittedAt,
      ac: c.stamps.acknowledgedAt,
      ex: c.stamps.executedAt,
      fa: c.stamps.failedAt,
      ca: c.stamps.cancelledAt,
      d: c.deadline ?? undefined,
      at: c.at,
      why: c.reason ?? undefined,
      src: c.source,
      k: known[o] === undefined ? undefined : true,
    }),
  );
  const bindings: string[] = [JSON.stringify(payload)];
  if (channel !== null) bindings.push(channel);
  const rows = await queryRows<AppliedRow>(
    runner,
    channel === null ? WITHOUT_NOTIFY : WITH_NOTIFY,
    bindings,
    channel === null ? "uplink_transition_telecommands" : "uplink_transition_telecommands_notify",
  );
  const results: (AppliedChange | null)[] = changes.map(() => null);
  for (const row of rows) {
    const change = changes[row.o] as TransitionChange;
    const before = known[row.o];
    results[row.o] = {
      command: before === undefined ? toTelecommand(row) : changed(before, change),
      entry: {
        eventId: Number(row.event_id),
        commandId: change.id,
        seq: row.history_seq,
        from: change.from,
        to: change.to,
        at: change.at,
        reason: change.reason,
        source: change.source,
        ignored: false,
      },
    };
  }
  return results;
}

/**
 * What the statement makes of `before` (the command at `change.expectedVersion`), written out
 * field by field: a spread with overrides cost more than the rest of the statement's handling.
 */
function changed(before: Telecommand, change: TransitionChange): Telecommand {
  const stamps = change.stamps;
  return {
    id: before.id,
    spacecraftId: before.spacecraftId,
    name: before.name,
    args: before.args,
    priority: before.priority,
    status: change.to,
    failureReason: change.failureReason,
    createdAt: before.createdAt,
    updatedAt: change.at,
    transmittedAt: stamps.transmittedAt ?? before.transmittedAt,
    acknowledgedAt: stamps.acknowledgedAt ?? before.acknowledgedAt,
    executedAt: stamps.executedAt ?? before.executedAt,
    failedAt: stamps.failedAt ?? before.failedAt,
    cancelledAt: stamps.cancelledAt ?? before.cancelledAt,
    notBefore: before.notBefore,
    notAfter: before.notAfter,
    deadline: change.deadline,
    version: change.expectedVersion + 1,
  };
}
