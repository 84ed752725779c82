import type { AuditEntry } from "../access/user.js";
import type { AuditLog } from "../ports/audit-log.js";

/**
 * Core's in-memory {@link AuditLog}, for tests and embedding programs.
 *
 * @example
 * const audit = new InMemoryAuditLog();
 */
export class InMemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  record(entry: Omit<AuditEntry, "id">): void {
    this.entries.push({ ...entry, id: this.entries.length + 1 });
  }

  list(options: { readonly limit: number; readonly before?: number }): readonly AuditEntry[] {
    const before = options.before ?? Number.POSITIVE_INFINITY;
    return this.entries
      .filter((e) => e.id < before)
      .reverse()
      .slice(0, options.limit);
  }
}
