import type { AuditEntry } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

/** Appends one entry. */
export async function insertAuditEntry(runner: Runner, entry: Omit<AuditEntry, "id">): Promise<void> {
  await queryRows(runner, "INSERT INTO audit_log (at, actor, action, target) VALUES (?, ?, ?, ?)", [
    entry.at,
    entry.actor,
    entry.action,
    entry.target,
  ]);
}

/** Entries newest first, at most `limit`, with an id below `before` when given. */
export async function selectAuditEntries(
  runner: Runner,
  limit: number,
  before: number | undefined,
): Promise<AuditEntry[]> {
  const rows = await queryRows<{
    id: string | number;
    at: string | number;
    actor: string;
    action: string;
    target: string | null;
  }>(
    runner,
    before === undefined
      ? "SELECT id, at, actor, action, target FROM audit_log ORDER BY id DESC LIMIT ?"
      : "SELECT id, at, actor, action, target FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?",
    before === undefined ? [limit] : [before, limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    at: Number(row.at),
    actor: row.actor,
    action: row.action,
    target: row.target,
  }));
}
