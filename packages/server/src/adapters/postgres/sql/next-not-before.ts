import type { Instant } from "@uplink/core";
import type { QueueLayout } from "../queue-layout.js";
import { queryRows, type Runner } from "./query.js";

/** The earliest `not_before` after `now` among commands in `statuses`, or null. */
export async function nextNotBefore(
  runner: Runner,
  layout: QueueLayout,
  statuses: readonly string[],
  now: Instant,
): Promise<Instant | null> {
  if (statuses.length === 0) return null;
  const status = layout.condition("status", statuses);
  const rows = await queryRows<{ next: number | null }>(
    runner,
    `SELECT min(not_before) AS next FROM telecommands WHERE ${status.sql} AND not_before > ?::bigint`,
    [...status.bindings, now],
    status.literal ? `uplink_next_not_before_${layout.tag}` : undefined,
  );
  return rows[0]?.next ?? null;
}
