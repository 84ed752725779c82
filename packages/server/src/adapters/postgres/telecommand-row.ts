import type {
  CommandProfile,
  FailureReason,
  HistoryEntry,
  HistoryKind,
  Telecommand,
  TransitionSource,
} from "@uplink/core";

/** A `telecommands` row as the drivers return it (bigint as number, jsonb parsed). */
export interface TelecommandRow {
  readonly id: string;
  readonly spacecraft_id: string;
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly priority: number;
  readonly status: string;
  readonly failure_reason: string | null;
  readonly created_at: number;
  readonly updated_at: number;
  readonly transmitted_at: number | null;
  readonly acknowledged_at: number | null;
  readonly executed_at: number | null;
  readonly failed_at: number | null;
  readonly cancelled_at: number | null;
  readonly not_before: number | null;
  readonly not_after: number | null;
  readonly deadline: number | null;
  readonly version: number;
  readonly dictionary_version: string | null;
  readonly category: string | null;
  readonly hazardous: boolean;
  readonly acceptance_timeout_ms: number | null;
  readonly execution_timeout_ms: number | null;
  readonly submitted_by: string;
  readonly held: boolean;
}

/** A `telecommand_history` row. */
export interface HistoryRow {
  readonly event_id: number;
  readonly command_id: string;
  readonly seq: number;
  readonly from_status: string | null;
  readonly to_status: string;
  readonly at: number;
  readonly reason: string | null;
  readonly source: string;
  readonly actor: string;
  readonly ignored: boolean;
  readonly kind: string;
}

/** The columns a command is read from (`history_seq` is bookkeeping and stays in storage). */
export const TELECOMMAND_COLUMNS =
  "id, spacecraft_id, name, args, priority, status, failure_reason, created_at, updated_at, transmitted_at, " +
  "acknowledged_at, executed_at, failed_at, cancelled_at, not_before, not_after, deadline, version, " +
  "dictionary_version, category, hazardous, acceptance_timeout_ms, execution_timeout_ms, submitted_by, held";

/** The same columns qualified by a table alias, for joins and RETURNING lists. */
export function telecommandColumns(alias: string): string {
  return TELECOMMAND_COLUMNS.split(", ")
    .map((column) => `${alias}.${column}`)
    .join(", ");
}

/** A stored row as core's {@link Telecommand}. */
export function toTelecommand(row: TelecommandRow): Telecommand {
  return {
    id: row.id,
    spacecraftId: row.spacecraft_id,
    name: row.name,
    args: row.args,
    priority: row.priority,
    status: row.status,
    failureReason: row.failure_reason as FailureReason | null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    transmittedAt: row.transmitted_at,
    acknowledgedAt: row.acknowledged_at,
    executedAt: row.executed_at,
    failedAt: row.failed_at,
    cancelledAt: row.cancelled_at,
    notBefore: row.not_before,
    notAfter: row.not_after,
    deadline: row.deadline,
    version: row.version,
    profile: profileOf(row),
    submittedBy: row.submitted_by,
    held: row.held,
  };
}

/** The command's profile from its columns: null for a command checked against no dictionary. */
function profileOf(row: TelecommandRow): CommandProfile | null {
  if (row.dictionary_version === null) return null;
  return {
    dictionaryVersion: row.dictionary_version,
    category: row.category ?? "",
    hazardous: row.hazardous,
    acceptanceMs: row.acceptance_timeout_ms,
    executionMs: row.execution_timeout_ms,
  };
}

const HISTORY_KINDS: ReadonlySet<string> = new Set<HistoryKind>(["transition", "comment", "hold", "release"]);

/** A stored history row as core's {@link HistoryEntry}. */
export function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    eventId: row.event_id,
    commandId: row.command_id,
    seq: row.seq,
    from: row.from_status,
    to: row.to_status,
    at: row.at,
    reason: row.reason,
    source: row.source as TransitionSource,
    actor: row.actor,
    ignored: row.ignored,
    kind: HISTORY_KINDS.has(row.kind) ? (row.kind as HistoryKind) : "transition",
  };
}
