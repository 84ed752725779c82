import { queryRows, type Runner } from "./query.js";

/**
 * Clears the leases `owner` holds: the listed commands, or all of them when `ids` is absent.
 * Releasing everything scans for the owner (lease columns are unindexed to keep claims cheap);
 * that happens once, when a sender stops.
 */
export async function releaseLeases(runner: Runner, owner: string, ids?: readonly string[]): Promise<void> {
  if (ids === undefined) {
    await queryRows(
      runner,
      "UPDATE telecommands SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?",
      [owner],
    );
    return;
  }
  if (ids.length === 0) return;
  await queryRows(
    runner,
    `UPDATE telecommands SET lease_owner = NULL, lease_until = NULL
     WHERE id = ANY(?::uuid[]) AND lease_owner = ?`,
    [ids as string[], owner],
  );
}
