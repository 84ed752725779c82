import { queryRows, type Runner } from "./query.js";

/** The number of commands in each status that has any. */
export async function countByStatus(runner: Runner): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; n: number }>(
    runner,
    "SELECT status, count(*) AS n FROM telecommands GROUP BY status",
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
