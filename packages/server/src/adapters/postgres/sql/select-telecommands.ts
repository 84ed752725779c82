import type { Telecommand } from "@uplink/core";
import { TELECOMMAND_COLUMNS, type TelecommandRow, toTelecommand } from "../telecommand-row.js";
import { queryRows, type Runner } from "./query.js";

/** The commands with these ids (valid UUIDs only), by id; unknown ids are absent. */
export async function selectTelecommands(
  runner: Runner,
  ids: readonly string[],
): Promise<Map<string, Telecommand>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<TelecommandRow>(
    runner,
    ids.length === 1
      ? `SELECT ${TELECOMMAND_COLUMNS} FROM telecommands WHERE id = ?`
      : `SELECT ${TELECOMMAND_COLUMNS} FROM telecommands WHERE id = ANY(?::uuid[])`,
    ids.length === 1 ? [ids[0] as string] : [ids as string[]],
    ids.length === 1 ? "uplink_select_telecommand" : "uplink_select_telecommands",
  );
  return new Map(rows.map((row) => [row.id, toTelecommand(row)]));
}
