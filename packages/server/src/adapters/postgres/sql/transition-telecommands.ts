import { changedCommand, type HistoryEntry, type Telecommand, type TransitionChange } from "@uplink/core";
import { type TelecommandRow, telecommandColumns, toTelecommand } from "../telecommand-row.js";
import { notifiedColumn, notifyCte, queryRows, type Runner } from "./query.js";

/** An applied chain of changes to one command: the command after the last, a history row per change. */
export interface AppliedChain {
  readonly command: Telecommand;
  readonly entries: readonly HistoryEntry[];
}

/**
 * The command's columns, only on a chain's last row and only when the caller does not know the
 * command (`k`); none at all when it knows every one (`slim`): a row of null columns still
 * costs the driver a field each and the row object a property each.
 */
const unlessKnown = (alias: string, slim: boolean) =>
  slim
    ? ""
    : `${telecommandColumns(alias)
        .split(", ")
        .map(
          (column) =>
            `CASE WHEN ${alias}.k IS NULL AND ${alias}.last THEN ${column} END AS ${column.slice(alias.length + 1)}`,
        )
        .join(", ")}, `;

// The input's keys are short and its null fields left out (json_to_recordset reads a missing
// key as null): the payload is about half the size of one with full names and every field,
// which the driver serialises and the socket carries on every transition. It is read as json,
// not jsonb: parsed once, without building a jsonb value first (a 500-row batch parsed in about
// 60% of the time). A row is one command's chain: its first `v` and `f`, its last state, and,
// for a chain of several changes, their number `n` and each one's history fields in `h`; the
// row is updated once and gets one history row per change.
const statement = (channel: string | null, slim: boolean) => `
WITH input AS (
  SELECT * FROM json_to_recordset(?::json) AS i(
    o int, id uuid, v int, f text, t text, r text, tr bigint, ac bigint, ex bigint, fa bigint, ca bigint,
    d bigint, at bigint, why text, src text, who text, hd boolean, kd text, k boolean, n int, h json)
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
    held = COALESCE(i.hd, t.held),
    updated_at = i.at,
    version = t.version + COALESCE(i.n, 1),
    history_seq = t.history_seq + COALESCE(i.n, 1)
  FROM input i
  WHERE t.id = i.id AND t.id IN (SELECT id FROM locked)
    AND t.version = i.v AND t.status = i.f
  RETURNING ${telecommandColumns("t")}, t.history_seq, i.o, i.f, i.at, i.why, i.src, i.who, i.kd, i.k, i.n, i.h
),
unleased AS (
  DELETE FROM telecommand_leases WHERE command_id IN (SELECT id FROM applied)
),
steps AS (
  SELECT ${telecommandColumns("a")}, a.o, a.k, 1 AS s, true AS last, a.history_seq AS seq,
    a.f AS from_status, a.status AS to_status, a.at AS step_at, a.why, a.src, a.who, a.kd
  FROM applied a WHERE a.n IS NULL
  UNION ALL
  SELECT ${telecommandColumns("a")}, a.o, a.k, x.s, x.s = a.n, a.history_seq - a.n + x.s, x.f, x.t, x.at, x.why, x.src, x.who, x.kd
  FROM applied a CROSS JOIN LATERAL json_to_recordset(a.h) AS x(s int, f text, t text, at bigint, why text, src text, who text, kd text)
  WHERE a.n IS NOT NULL
),
counter AS (
  UPDATE telecommand_event_counter
  SET last_event_id = last_event_id + (SELECT count(*) FROM steps)
  WHERE id = 1 AND EXISTS (SELECT 1 FROM steps)
  RETURNING last_event_id
),
numbered AS (
  SELECT st.*,
    c.last_event_id - (SELECT count(*) FROM steps) + row_number() OVER (ORDER BY st.o, st.s) AS event_id
  FROM steps st CROSS JOIN counter c
),
history AS (
  INSERT INTO telecommand_history (event_id, command_id, seq, from_status, to_status, at, reason, source, actor, ignored, kind)
  SELECT event_id, id, seq, from_status, to_status, step_at, why, src, who, false, coalesce(kd, 'transition') FROM numbered
),
counted AS (
  INSERT INTO telecommand_status_counts (status, n)
  SELECT status, sum(delta) FROM (
    SELECT f AS status, -1 AS delta FROM applied
    UNION ALL SELECT status, 1 FROM applied
  ) moves GROUP BY status HAVING sum(delta) <> 0
  ON CONFLICT (status) DO UPDATE SET n = telecommand_status_counts.n + excluded.n
)${notifyCte(channel, "numbered", "event_id, id, to_status, spacecraft_id, false")}
SELECT ${unlessKnown("n", slim)}n.o, n.s, n.seq, n.event_id${notifiedColumn(channel)}
FROM numbered n`;

/** The four texts (and their prepared statements' names): with or without NOTIFY, with or without columns. */
const STATEMENTS = [false, true].map((notify) =>
  [false, true].map((slim) => ({
    text: statement(notify ? "channel" : null, slim),
    name: `uplink_transition_telecommands${notify ? "_notify" : ""}${slim ? "_known" : ""}`,
  })),
);

type StepRow = TelecommandRow & {
  o: number;
  s: number;
  seq: number;
  event_id: number;
};

/** One change's history fields, for the steps of a chain (`h`). */
interface StepInput {
  s: number;
  f: string;
  t: string;
  at: number;
  why: string | undefined;
  src: string;
  who: string;
  kd: string | undefined;
}

/** One chain as the statement's input row; undefined fields are left out of the JSON. */
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
  who: string;
  hd: boolean | undefined;
  kd: string | undefined;
  k: true | undefined;
  /** The number of changes of a chain of several (a json value is parsed again by every function that reads it). */
  n: number | undefined;
  h: StepInput[] | undefined;
}

/** The `held` flag a chain leaves: its last change that sets one; undefined keeps the stored one. */
function heldAfter(chain: readonly TransitionChange[]): boolean | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const held = (chain[i] as TransitionChange).held;
    if (held !== undefined) return held;
  }
  return undefined;
}

/** The input row of a chain: the first change's compare-and-set, the last one's state, every stamp set. */
function inputRow(o: number, chain: readonly TransitionChange[], known: boolean): InputRow {
  const first = chain[0] as TransitionChange;
  const last = chain[chain.length - 1] as TransitionChange;
  const stamp = (field: keyof TransitionChange["stamps"]) => {
    for (let i = chain.length - 1; i >= 0; i--) {
      const value = (chain[i] as TransitionChange).stamps[field];
      if (value !== undefined) return value;
    }
    return undefined;
  };
  return {
    o,
    id: first.id,
    v: first.expectedVersion,
    f: first.from,
    t: last.to,
    r: last.failureReason ?? undefined,
    tr: stamp("transmittedAt"),
    ac: stamp("acknowledgedAt"),
    ex: stamp("executedAt"),
    fa: stamp("failedAt"),
    ca: stamp("cancelledAt"),
    d: last.deadline ?? undefined,
    at: last.at,
    why: last.reason ?? undefined,
    src: last.source,
    who: last.actor,
    hd: heldAfter(chain),
    kd: last.kind,
    k: known ? true : undefined,
    n: chain.length === 1 ? undefined : chain.length,
    h:
      chain.length === 1
        ? undefined
        : chain.map((c, i) => ({
            s: i + 1,
            f: c.from,
            t: c.to,
            at: c.at,
            why: c.reason ?? undefined,
            src: c.source,
            who: c.actor,
            kd: c.kind,
          })),
  };
}

/**
 * Applies chains of changes to distinct commands in one statement (one transaction): for each
 * chain, a compare-and-set of its first change on id, version and status, the command row
 * written once with the state the last change leaves, a history row per change, the end of its
 * lease, and the status counts. A chain's changes must follow one another (each expects the
 * version and status the previous one leaves); most chains are one change. `known[i]`, when
 * given, is chain i's command at its first expected version: its columns are then not sent
 * back. The rows are first locked through the primary key in id order, so that concurrent
 * batches cannot deadlock and the plan never scans the table. Returns, in input order, the
 * applied chain or null where the compare-and-set failed.
 */
export async function transitionTelecommands(
  runner: Runner,
  channel: string | null,
  chains: readonly (readonly TransitionChange[])[],
  known: readonly (Telecommand | undefined)[] = [],
): Promise<(AppliedChain | null)[]> {
  const payload = chains.map((chain, o) => inputRow(o, chain, known[o] !== undefined));
  const bindings: string[] = [JSON.stringify(payload)];
  if (channel !== null) bindings.push(channel);
  const slim = chains.every((_, o) => known[o] !== undefined);
  const chosen = STATEMENTS[channel === null ? 0 : 1]?.[slim ? 1 : 0] as { text: string; name: string };
  const rows = await queryRows<StepRow>(runner, chosen.text, bindings, chosen.name);
  const entries: HistoryEntry[][] = chains.map(() => []);
  const finals: (TelecommandRow | null)[] = chains.map(() => null);
  for (const row of rows) {
    const change = (chains[row.o] as readonly TransitionChange[])[row.s - 1] as TransitionChange;
    (entries[row.o] as HistoryEntry[])[row.s - 1] = {
      eventId: Number(row.event_id),
      commandId: change.id,
      seq: row.seq,
      from: change.from,
      to: change.to,
      at: change.at,
      reason: change.reason,
      source: change.source,
      actor: change.actor,
      ignored: false,
      kind: change.kind ?? "transition",
    };
    if (row.s === chains[row.o]?.length) finals[row.o] = row;
  }
  return chains.map((chain, o): AppliedChain | null => {
    const final = finals[o];
    if (final === null || final === undefined) return null;
    const before = known[o];
    const command = before === undefined ? toTelecommand(final) : chain.reduce(changedCommand, before);
    return { command, entries: entries[o] as HistoryEntry[] };
  });
}
