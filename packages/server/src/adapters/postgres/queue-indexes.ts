import type { Knex } from "knex";
import { QUEUE_INDEX_PREFIX, type QueueLayout } from "./queue-layout.js";

/**
 * Makes the queue's partial indexes in `schema` those of `layout`: creates the missing ones and
 * drops those of another lifecycle or dispatch order (their names carry the layout's tag), so
 * that a database follows the lifecycle it is migrated with. Returns the names created and
 * dropped. Run by `migrate`, under its lock.
 */
export async function syncQueueIndexes(
  knex: Knex,
  schema: string,
  layout: QueueLayout,
): Promise<{ created: string[]; dropped: string[] }> {
  const wanted = layout.indexes();
  const result = await knex.raw<{ rows: { indexname: string }[] }>(
    "SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = 'telecommands' AND starts_with(indexname, ?)",
    [schema, QUEUE_INDEX_PREFIX],
  );
  const present = new Set(result.rows.map((row) => row.indexname));
  const dropped = [...present].filter((name) => !wanted.some((index) => index.name === name));
  for (const name of dropped) await knex.raw("DROP INDEX IF EXISTS ??", [`${schema}.${name}`]);
  const created: string[] = [];
  for (const index of wanted) {
    if (present.has(index.name)) continue;
    await knex.raw(index.create);
    created.push(index.name);
  }
  return { created, dropped };
}
