import type { CursorPosition, Telecommand } from "@uplink/core";
import { TELECOMMAND_COLUMNS, type TelecommandRow, toTelecommand } from "../telecommand-row.js";
import { queryRows, type Runner } from "./query.js";

/** A list page request with its cursor already decoded. */
export interface ListFilter {
  readonly status?: string | undefined;
  readonly spacecraftId?: string | undefined;
  readonly after: CursorPosition | null;
  /** Rows to read (the page size plus one, to know whether another page follows). */
  readonly take: number;
}

/**
 * Commands newest first by (created_at, id), after a keyset position: stable under inserts,
 * since a new command is newer than any cursor already handed out. Served by the
 * `(created_at desc, id desc)` index or its status / spacecraft variants.
 */
export async function listTelecommands(runner: Runner, filter: ListFilter): Promise<Telecommand[]> {
  const where: string[] = [];
  const bindings: (string | number)[] = [];
  if (filter.status !== undefined) {
    where.push("status = ?");
    bindings.push(filter.status);
  }
  if (filter.spacecraftId !== undefined) {
    where.push("spacecraft_id = ?");
    bindings.push(filter.spacecraftId);
  }
  if (filter.after) {
    where.push("(created_at, id) < (?::bigint, ?::uuid)");
    bindings.push(filter.after.createdAt, filter.after.id);
  }
  bindings.push(filter.take);
  const rows = await queryRows<TelecommandRow>(
    runner,
    `SELECT ${TELECOMMAND_COLUMNS} FROM telecommands
     ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY created_at DESC, id DESC LIMIT ?`,
    bindings,
  );
  return rows.map(toTelecommand);
}
