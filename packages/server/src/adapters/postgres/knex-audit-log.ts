import type { AuditEntry, AuditLog } from "@uplink/core";
import type { Database } from "../../database/database.js";
import { insertAuditEntry, selectAuditEntries } from "./sql/audit-log.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import { withStorage } from "./storage-errors.js";

/**
 * Core's {@link AuditLog} on PostgreSQL or PGlite: `audit_log`, shared by every process.
 *
 * @example
 * const audit = new KnexAuditLog(db);
 */
export class KnexAuditLog implements AuditLog {
  private readonly runner: Runner;

  constructor(db: Database) {
    this.runner = createRunner(db.knex, db.kind);
  }

  record(entry: Omit<AuditEntry, "id">): Promise<void> {
    return withStorage(() => insertAuditEntry(this.runner, entry));
  }

  list(options: { readonly limit: number; readonly before?: number }): Promise<readonly AuditEntry[]> {
    return withStorage(() => selectAuditEntries(this.runner, options.limit, options.before));
  }
}
