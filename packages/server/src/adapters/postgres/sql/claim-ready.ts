import type { ClaimRequest, Telecommand } from "@uplink/core";
import { type TelecommandRow, telecommandColumns, toTelecommand } from "../telecommand-row.js";
import { queryRows, type Runner } from "./query.js";

/**
 * Leases up to `limit` queued commands that no live lease holds and whose `notBefore` has
 * passed, in dispatch order (priority desc, created_at, id). `FOR UPDATE SKIP LOCKED` lets
 * several senders claim at once without waiting on or sharing rows; a lease is held while
 * `now < lease_until`, so an expired one is taken over. With `statuses = ['ready']` the
 * planner proves the partial index `telecommands_ready_dispatch` and walks it in order.
 * Only the lease columns change, which keeps the update heap-only.
 */
export async function claimReady(runner: Runner, request: ClaimRequest): Promise<Telecommand[]> {
  const bindings: (string | number | string[])[] = [request.statuses as string[], request.now, request.now];
  let spacecraftFilter = "";
  if (request.spacecraftIds !== undefined) {
    spacecraftFilter = "AND spacecraft_id = ANY(?::text[])";
    bindings.push(request.spacecraftIds as string[]);
  }
  bindings.push(request.limit, request.owner, request.now + request.leaseMs);
  const rows = await queryRows<TelecommandRow>(
    runner,
    `WITH picked AS (
       SELECT id FROM telecommands
       WHERE status = ANY(?::text[])
         AND (lease_until IS NULL OR lease_until <= ?::bigint)
         AND (not_before IS NULL OR not_before <= ?::bigint)
         ${spacecraftFilter}
       ORDER BY priority DESC, created_at, id
       LIMIT ?
       FOR UPDATE SKIP LOCKED
     )
     UPDATE telecommands t SET lease_owner = ?::text, lease_until = ?::bigint
     FROM picked WHERE t.id = picked.id
     RETURNING ${telecommandColumns("t")}`,
    bindings,
  );
  return rows.map(toTelecommand);
}
