import type { QueueState } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

/** Sets a spacecraft's queue state. */
export async function upsertQueueState(
  runner: Runner,
  spacecraftId: string,
  state: QueueState,
): Promise<void> {
  await queryRows(
    runner,
    `INSERT INTO spacecraft_queues (spacecraft_id, state) VALUES (?, ?)
     ON CONFLICT (spacecraft_id) DO UPDATE SET state = excluded.state`,
    [spacecraftId, state],
    "uplink_upsert_queue_state",
  );
}

/** A spacecraft's queue state, or null when it has no row. */
export async function selectQueueState(runner: Runner, spacecraftId: string): Promise<QueueState | null> {
  const rows = await queryRows<{ state: QueueState }>(
    runner,
    "SELECT state FROM spacecraft_queues WHERE spacecraft_id = ?",
    [spacecraftId],
    "uplink_select_queue_state",
  );
  return rows[0]?.state ?? null;
}
