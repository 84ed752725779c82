import { queryRows, type Runner } from "./query.js";

/**
 * Adds to named counters in one statement, creating the ones not yet stored. Each name appears
 * once (the caller sums), and rows are locked in name order, so that two processes adding to
 * the same counters never deadlock.
 */
export async function addCounters(runner: Runner, amounts: ReadonlyMap<string, number>): Promise<void> {
  const input = [...amounts].map(([name, value]) => ({ name, value }));
  await queryRows(
    runner,
    `INSERT INTO counters (name, value)
     SELECT name, value FROM json_to_recordset(?::json) AS a(name text, value bigint) ORDER BY name
     ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value`,
    [JSON.stringify(input)],
    "uplink_add_counters",
  );
}

/** Every stored counter's value. */
export async function selectCounters(runner: Runner): Promise<Record<string, number>> {
  const rows = await queryRows<{ name: string; value: number | string }>(
    runner,
    "SELECT name, value FROM counters",
    [],
    "uplink_select_counters",
  );
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.value)]));
}
