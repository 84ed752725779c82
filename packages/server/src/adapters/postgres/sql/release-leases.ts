import { queryRows, type Runner } from "./query.js";

/**
 * Ends the leases `owner` holds: of the listed commands, or all of them, and its holds on
 * spacecraft, when `ids` is absent.
 */
export async function releaseLeases(runner: Runner, owner: string, ids?: readonly string[]): Promise<void> {
  if (ids === undefined) {
    await queryRows(
      runner,
      `WITH holds AS (DELETE FROM telecommand_spacecraft_holds WHERE owner = ?)
       DELETE FROM telecommand_leases WHERE owner = ?`,
      [owner, owner],
    );
    return;
  }
  if (ids.length === 0) return;
  await queryRows(runner, "DELETE FROM telecommand_leases WHERE command_id = ANY(?::uuid[]) AND owner = ?", [
    ids as string[],
    owner,
  ]);
}
