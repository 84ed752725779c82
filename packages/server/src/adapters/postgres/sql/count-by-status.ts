import { queryRows, type Runner } from "./query.js";

/** The number of commands in each status that has any, from the counts the writers keep. */
export async function countByStatus(runner: Runner): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; n: number }>(
    runner,
    "SELECT status, n FROM telecommand_status_counts WHERE n <> 0",
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
