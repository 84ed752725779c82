import type { Knex } from "knex";
import pg from "pg";
import { MIGRATIONS, migrationSource } from "../adapters/postgres/migration-source.js";
import { syncQueueIndexes } from "../adapters/postgres/queue-indexes.js";
import { QueueLayout, type QueueLayoutOptions } from "../adapters/postgres/queue-layout.js";
import { withStorage } from "../adapters/postgres/storage-errors.js";
import { DEFAULT_SCHEMA } from "./database.js";

/** The table in which knex records applied migrations (in the database's schema). */
export const MIGRATIONS_TABLE = "uplink_migrations";

const LOCKED_RETRY_MS = 100;
const LOCKED_WAIT_MS = 60_000;

/** The schema a knex instance works in: the first entry of its `searchPath`, else `public`. */
export function schemaOf(knex: Knex): string {
  const searchPath = (knex.client.config as Knex.Config).searchPath;
  const first = Array.isArray(searchPath) ? searchPath[0] : searchPath;
  return first && first.length > 0 ? first : DEFAULT_SCHEMA;
}

/**
 * What {@link migrate} derives the queue's partial indexes from: give it the lifecycle and
 * dispatch order the `KnexTelecommandRepository` is given (both default to core's).
 */
export type MigrateOptions = QueueLayoutOptions;

/**
 * Applies every pending migration (creating the schema first when it is not `public`), then
 * builds the claim queue's partial indexes from the lifecycle's queued states and the dispatch
 * order (dropping those of another lifecycle or order), and returns the names applied, none
 * when the database is current. Safe to run from several
 * processes at once: on PostgreSQL they queue on an advisory lock (knex's own lock does not
 * cover the creation of its bookkeeping tables), so one migrates and the others find nothing
 * to do.
 *
 * @example
 * const db = await createDatabase({ databaseUrl });
 * await migrate(db.knex);
 */
export async function migrate(knex: Knex, options: MigrateOptions = {}): Promise<string[]> {
  const schema = schemaOf(knex);
  const layout = new QueueLayout(options);
  return withStorage(() =>
    withMigrationLock(knex, schema, async () => {
      if (schema !== DEFAULT_SCHEMA) await knex.raw("CREATE SCHEMA IF NOT EXISTS ??", [schema]);
      const applied = await latest(knex, schema);
      await syncQueueIndexes(knex, schema, layout);
      return applied;
    }),
  );
}

/** knex's `latest`, waiting while another tool holds knex's own migration lock. */
async function latest(knex: Knex, schema: string): Promise<string[]> {
  const config = { migrationSource, tableName: MIGRATIONS_TABLE, schemaName: schema };
  const started = Date.now();
  for (;;) {
    try {
      const [, applied] = (await knex.migrate.latest(config)) as [number, string[]];
      return applied;
    } catch (error) {
      const locked = error instanceof Error && /already locked/i.test(error.message);
      if (!locked || Date.now() - started > LOCKED_WAIT_MS) throw error;
      await new Promise((done) => setTimeout(done, LOCKED_RETRY_MS));
    }
  }
}

/**
 * Runs `work` holding a session advisory lock on a connection of its own (PostgreSQL only;
 * PGlite serves one process). Its own connection, so that a pool of one still works.
 */
async function withMigrationLock<T>(knex: Knex, schema: string, work: () => Promise<T>): Promise<T> {
  const config = knex.client.config as Knex.Config;
  if (config.client !== "pg") return work();
  const client = new pg.Client(config.connection as pg.ClientConfig | string);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [`uplink.migrate.${schema}`]);
    return await work();
  } finally {
    // Ending the session releases the lock.
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether some migration has not been applied (for `/readyz`). Only reads: it does not create
 * knex's bookkeeping tables the way `knex.migrate.list` would.
 */
export async function migrationsPending(knex: Knex): Promise<boolean> {
  const schema = schemaOf(knex);
  return withStorage(async () => {
    const exists = await knex.raw<{ rows: { present: boolean }[] }>(
      "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?) AS present",
      [schema, MIGRATIONS_TABLE],
    );
    if (!exists.rows[0]?.present) return true;
    const rows: { name: string }[] = await knex.withSchema(schema).select("name").from(MIGRATIONS_TABLE);
    const applied = new Set(rows.map((r) => r.name));
    return MIGRATIONS.some((m) => !applied.has(m.name));
  });
}
