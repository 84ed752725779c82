import type { AuditEntry } from "../access/user.js";
import type { Awaitable } from "../awaitable.js";

/**
 * The audit log (SPEC §10): appended to, never rewritten, read newest first.
 *
 * @example
 * await log.record({ at, actor: "admin", action: "user.add", target: "ada" });
 * (await log.list({ limit: 10 }))[0]?.action; // "user.add"
 */
export interface AuditLog {
  record(entry: Omit<AuditEntry, "id">): Awaitable<void>;
  /** Entries newest first, at most `limit`, only those with an id below `before` when given. */
  list(options: { readonly limit: number; readonly before?: number }): Awaitable<readonly AuditEntry[]>;
}

export const AUDIT_LOG = Symbol.for("uplink.AuditLog");
