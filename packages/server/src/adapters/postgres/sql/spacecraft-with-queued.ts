import type { QueueLayout } from "../queue-layout.js";
import { queryRows, type Runner } from "./query.js";

/**
 * The distinct spacecraft with a command in `statuses`, in byte order. A loose index scan
 * (one index probe per spacecraft, through the layout's per-spacecraft index for its queue), so it
 * stays cheap with millions of queued commands and a handful of spacecraft.
 */
export async function spacecraftWithQueued(
  runner: Runner,
  layout: QueueLayout,
  statuses: readonly string[],
): Promise<string[]> {
  if (statuses.length === 0) return [];
  const first = layout.condition("status", statuses);
  const next = layout.condition("t.status", statuses);
  const rows = await queryRows<{ spacecraft_id: string }>(
    runner,
    `WITH RECURSIVE craft AS (
       (SELECT spacecraft_id FROM telecommands WHERE ${first.sql} ORDER BY spacecraft_id LIMIT 1)
       UNION ALL
       SELECT (SELECT t.spacecraft_id FROM telecommands t
               WHERE ${next.sql} AND t.spacecraft_id > c.spacecraft_id
               ORDER BY t.spacecraft_id LIMIT 1)
       FROM craft c WHERE c.spacecraft_id IS NOT NULL
     )
     SELECT spacecraft_id FROM craft WHERE spacecraft_id IS NOT NULL`,
    [...first.bindings, ...next.bindings],
    first.literal ? `uplink_spacecraft_with_queued_${layout.tag}` : undefined,
  );
  return rows.map((r) => r.spacecraft_id);
}
