import type { ClaimRequest, Telecommand } from "@uplink/core";
import type { QueueLayout } from "../queue-layout.js";
import { type TelecommandRow, telecommandColumns, toTelecommand } from "../telecommand-row.js";
import { dispatchSortKeys } from "./dispatch-order-sql.js";
import { queryRows, type Runner } from "./query.js";

/**
 * Leases up to `limit` queued commands that no live lease holds and whose `notBefore` has
 * passed, of spacecraft no other owner holds, in core's dispatch order, and holds the
 * spacecraft of the commands it leases (an upsert that takes over only an expired hold, so
 * that of two claimers racing for one spacecraft only one leases its commands; the other's
 * picks count as lost and its retry skips the spacecraft). `FOR UPDATE SKIP LOCKED` lets
 * several senders claim at once without waiting on or sharing rows, and hands back each row's
 * latest version. A lease is held while `now < until`; the upsert takes over only an expired
 * one, so a claimer whose snapshot missed a newer lease gets nothing rather than a shared
 * command. When `statuses` are the layout's queued states the statement is prepared and walks
 * one of the layout's partial indexes in order: the per-spacecraft one for one spacecraft (an
 * equality on its first column, so that even a generic plan on a table without statistics
 * needs no sort; `= ANY` there made it sort every queued row of the spacecraft on each claim),
 * the dispatch one otherwise. The leased rows are kept through an array (`= ANY(ARRAY(…))`),
 * not a join, which the same statistics-less plan ran as a nested loop over both CTEs,
 * quadratic in `limit`.
 *
 * A statement whose snapshot predates another claimer's commit picks rows it then cannot lease.
 * Claiming again for them on a fresh snapshot keeps a short claim meaning that nothing more was
 * claimable, which the sender relies on to stop claiming until its next wake-up; each retry
 * follows a lease someone else won, so the bound is only a guard.
 */
export async function claimQueued(
  runner: Runner,
  request: ClaimRequest,
  layout: QueueLayout,
): Promise<Telecommand[]> {
  const claimed: Telecommand[] = [];
  let limit = request.limit;
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS && limit > 0; attempt++) {
    const { leased, lost } = await claimOnce(runner, { ...request, limit }, layout);
    claimed.push(...leased);
    limit -= leased.length;
    if (lost === 0) break;
  }
  return claimed;
}

/** Claim statements one claim may run when concurrent claimers keep leasing the rows it picked. */
const MAX_CLAIM_ATTEMPTS = 8;

/** What one claim statement leased, and how many of the rows it picked another claimer leased first. */
interface ClaimAttempt {
  readonly leased: Telecommand[];
  readonly lost: number;
}

async function claimOnce(runner: Runner, request: ClaimRequest, layout: QueueLayout): Promise<ClaimAttempt> {
  const status = layout.condition("t.status", request.statuses);
  const bindings: (string | number | string[])[] = [...status.bindings, request.now];
  const ids = request.spacecraftIds;
  let spacecraftFilter = "";
  let variant = "";
  if (ids?.length === 1) {
    spacecraftFilter = "AND t.spacecraft_id = ?::text";
    bindings.push(ids[0] as string);
    variant = "_one_spacecraft";
  } else if (ids !== undefined) {
    spacecraftFilter = "AND t.spacecraft_id = ANY(?::text[])";
    bindings.push(ids as string[]);
    variant = "_spacecraft";
  }
  const { owner, now } = request;
  const until = request.now + request.leaseMs;
  bindings.push(now, owner, now, request.limit, owner, until, now, owner, until, now);
  const rows = await queryRows<TelecommandRow & { leased: boolean }>(
    runner,
    `WITH picked AS (
       SELECT ${telecommandColumns("t")} FROM telecommands t
       WHERE ${status.sql}
         AND NOT t.held
         AND (t.not_before IS NULL OR t.not_before <= ?::bigint)
         ${spacecraftFilter}
         AND NOT EXISTS (SELECT 1 FROM telecommand_leases l WHERE l.command_id = t.id AND l.until > ?::bigint)
         AND NOT EXISTS (
           SELECT 1 FROM telecommand_spacecraft_holds h
           WHERE h.spacecraft_id = t.spacecraft_id AND h.owner <> ?::text AND h.until > ?::bigint)
       ORDER BY ${dispatchSortKeys(layout.order, "t")}
       LIMIT ?
       FOR UPDATE OF t SKIP LOCKED
     ),
     held AS (
       INSERT INTO telecommand_spacecraft_holds (spacecraft_id, owner, until)
       SELECT DISTINCT spacecraft_id, ?::text, ?::bigint FROM picked
       ON CONFLICT (spacecraft_id) DO UPDATE SET owner = excluded.owner, until = excluded.until
       WHERE telecommand_spacecraft_holds.owner = excluded.owner OR telecommand_spacecraft_holds.until <= ?::bigint
       RETURNING spacecraft_id
     ),
     leased AS (
       INSERT INTO telecommand_leases (command_id, owner, until)
       SELECT id, ?::text, ?::bigint FROM picked WHERE spacecraft_id IN (SELECT spacecraft_id FROM held)
       ON CONFLICT (command_id) DO UPDATE SET owner = excluded.owner, until = excluded.until
       WHERE telecommand_leases.until <= ?::bigint
       RETURNING command_id
     )
     SELECT p.*, p.id = ANY(ARRAY(SELECT command_id FROM leased)) AS leased FROM picked p`,
    bindings,
    status.literal ? `uplink_claim_${layout.tag}${variant}` : undefined,
  );
  const leased = rows.filter((row) => row.leased).map(toTelecommand);
  return { leased, lost: rows.length - leased.length };
}
