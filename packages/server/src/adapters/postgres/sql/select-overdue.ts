import type { Instant, Telecommand } from "@uplink/core";
import { TELECOMMAND_COLUMNS, type TelecommandRow, toTelecommand } from "../telecommand-row.js";
import { queryRows, type Runner } from "./query.js";

/**
 * Commands whose deadline is at or before `now`, oldest deadline first (then id), through the
 * partial `telecommands_deadline` index. Transitions set the deadline to null on final
 * statuses, so only commands still waiting for a report have one.
 */
export async function selectOverdue(runner: Runner, now: Instant, limit: number): Promise<Telecommand[]> {
  const rows = await queryRows<TelecommandRow>(
    runner,
    `SELECT ${TELECOMMAND_COLUMNS} FROM telecommands WHERE deadline <= ?::bigint ORDER BY deadline, id LIMIT ?`,
    [now, limit],
  );
  return rows.map(toTelecommand);
}
