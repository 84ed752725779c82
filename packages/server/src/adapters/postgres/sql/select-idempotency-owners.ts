import type { Telecommand } from "@uplink/core";
import { type TelecommandRow, telecommandColumns, toTelecommand } from "../telecommand-row.js";
import { queryRows, type Runner } from "./query.js";

/** An idempotency key's first fingerprint and the command it made. */
export interface IdempotencyOwner {
  readonly fingerprint: string;
  readonly command: Telecommand;
}

/** The owners of idempotency keys, by key (keys not found are absent). */
export async function selectIdempotencyOwners(
  runner: Runner,
  keys: readonly string[],
): Promise<Map<string, IdempotencyOwner>> {
  const rows = await queryRows<TelecommandRow & { key: string; fingerprint: string }>(
    runner,
    `SELECT k.key, k.fingerprint, ${telecommandColumns("t")}
     FROM idempotency_keys k JOIN telecommands t ON t.id = k.command_id
     WHERE k.key = ANY(?::text[])`,
    [keys as string[]],
  );
  return new Map(rows.map((row) => [row.key, { fingerprint: row.fingerprint, command: toTelecommand(row) }]));
}
