import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import knexFactory, { type Knex } from "knex";
import ClientPgLite from "knex-pglite";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe } from "vitest";
import { createDatabase } from "../../src/database/create-database.js";
import type { Database, DatabaseKind } from "../../src/database/database.js";
import { type MigrateOptions, migrate } from "../../src/database/migrate.js";

/** The PostgreSQL the tests use: `UPLINK_TEST_DATABASE_URL`, else the local default. */
export const POSTGRES_TEST_URL =
  process.env.UPLINK_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const inCi = Boolean(process.env.CI);

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether PostgreSQL answered when this file loaded. Without it (and without `CI`) the
 * PostgreSQL variants are skipped with a console line; with `CI` set they run, and fail.
 */
export const postgresAvailable = await probePostgres();

let warned = false;
function warnSkipped(): void {
  if (warned) return;
  warned = true;
  console.warn(
    `[uplink tests] PostgreSQL is unreachable at ${POSTGRES_TEST_URL}: skipping the PostgreSQL variants`,
  );
}

let image: Promise<Blob> | undefined;

/**
 * A dump of an embedded database migrated with core's lifecycle, made once per test file:
 * opening a PGlite from it takes ~0.3 s, a fresh one plus migrations ~2–3 s. Every in-memory
 * database a test opens starts from it (and still runs `migrate`, which finds nothing to do).
 */
export function migratedImage(): Promise<Blob> {
  image ??= (async () => {
    const pglite = new PGlite();
    const knex = knexFactory({
      client: ClientPgLite,
      dialect: "postgres",
      connection: { pglite } as Knex.StaticConnectionConfig,
    });
    try {
      await migrate(knex);
      return await pglite.dumpDataDir("none");
    } finally {
      await knex.destroy();
    }
  })();
  return image;
}

/** A fresh, migrated database of one kind, and how to throw it away. */
export interface TestDatabase {
  readonly db: Database;
  /** Drops the test schema (PostgreSQL) and closes. */
  dispose(): Promise<void>;
}

/**
 * Opens a fresh, migrated database: an in-memory PGlite, or on PostgreSQL a new schema
 * `uplink_test_<random>` (dropped by `dispose`).
 */
export async function openTestDatabase(
  kind: DatabaseKind,
  options: { readonly applicationName?: string; readonly migrate?: MigrateOptions } = {},
): Promise<TestDatabase> {
  const { migrate: migrateOptions, ...connection } = options;
  if (kind === "pglite") {
    // A custom lifecycle migrates differently from the shared image: start from an empty one.
    const db = await createDatabase(
      migrateOptions ? { inMemory: true } : { inMemory: true, inMemoryImage: await migratedImage() },
    );
    await migrate(db.knex, migrateOptions);
    return { db, dispose: () => db.close() };
  }
  const schema = `uplink_test_${randomBytes(6).toString("hex")}`;
  const db = await createDatabase({ databaseUrl: POSTGRES_TEST_URL, schema, ...connection });
  await migrate(db.knex, migrateOptions);
  return {
    db,
    async dispose() {
      try {
        await db.knex.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
      } finally {
        await db.close();
      }
    },
  };
}

/**
 * For tests of migration itself: returns how to open a fresh database of `kind` that is not
 * yet migrated (a PostgreSQL one in its own schema); each is dropped and closed after its test.
 */
export function useUnmigratedDatabases(kind: DatabaseKind): () => Promise<Database> {
  const opened: Database[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      if (db.kind === "postgres") await db.knex.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [db.schema]);
      await db.close();
    }
  });
  return async () => {
    const db =
      kind === "pglite"
        ? await createDatabase({ inMemory: true })
        : await createDatabase({
            databaseUrl: POSTGRES_TEST_URL,
            schema: `uplink_test_${randomBytes(6).toString("hex")}`,
          });
    opened.push(db);
    return db;
  };
}

/** Another connection pool on a test database's schema (PostgreSQL only): a second "process". */
export function openPeer(
  db: Database,
  options: { readonly applicationName?: string } = {},
): Promise<Database> {
  if (db.kind !== "postgres") throw new Error("only PostgreSQL has peers");
  return createDatabase({ databaseUrl: POSTGRES_TEST_URL, schema: db.schema, ...options });
}

/** Empties every table (between tests of a file); the event counter keeps counting. */
export async function emptyDatabase(db: Database): Promise<void> {
  await db.knex.raw(
    "TRUNCATE telecommand_history, idempotency_keys, telecommands, telecommand_leases, telecommand_spacecraft_holds, telecommand_status_counts, downlink_frames, downlink_cursors, downlink_gaps, counters, spacecraft, telemetry_latest, telemetry_history, dictionaries, spacecraft_inhibits, spacecraft_queues, user_sessions, users, audit_log",
  );
}

/** What a suite run by {@link describeDatabases} gets. */
export interface DatabaseContext {
  readonly kind: DatabaseKind;
  /** The file's database (available from `beforeAll` on). */
  db(): Database;
  /** Empties it. */
  empty(): Promise<void>;
  /**
   * A second view of the file's database for contract "peers": on PostgreSQL another
   * connection pool on the schema (another process, opened on first use, closed after the
   * file); on PGlite, which has one connection, the database itself.
   */
  peer(): Promise<Database>;
}

/** Options of {@link describeDatabases}. */
export interface DescribeDatabasesOptions {
  /** The kinds to run on (default both). */
  readonly kinds?: readonly DatabaseKind[];
  /** Open the file's shared database (default true); suites that open their own say false. */
  readonly shared?: boolean;
  /** The lifecycle and dispatch order the shared database is migrated with (default core's). */
  readonly migrate?: MigrateOptions;
}

/**
 * Runs a suite once per database kind — PGlite in memory and PostgreSQL in a fresh schema —
 * with one migrated database per kind for the whole file.
 *
 * @example
 * describeDatabases("KnexDownlinkLog", (ctx) => {
 *   it("stores a frame", async () => { ... new KnexDownlinkLog(ctx.db()) ... });
 * });
 */
export function describeDatabases(
  name: string,
  body: (ctx: DatabaseContext) => void,
  options: DescribeDatabasesOptions = {},
): void {
  for (const kind of options.kinds ?? (["pglite", "postgres"] as const)) {
    const skip = kind === "postgres" && !postgresAvailable && !inCi;
    if (skip) warnSkipped();
    (skip ? describe.skip : describe)(`${name} on ${kind}`, () => {
      let opened: TestDatabase | null = null;
      let peerDb: Database | null = null;
      beforeAll(async () => {
        if (options.shared !== false)
          opened = await openTestDatabase(kind, options.migrate ? { migrate: options.migrate } : {});
      });
      afterAll(async () => {
        try {
          await peerDb?.close();
        } finally {
          await opened?.dispose();
        }
      });
      const db = () => {
        if (!opened) throw new Error("the shared test database opens in beforeAll (unless shared: false)");
        return opened.db;
      };
      const peer = async () => {
        if (kind !== "postgres") return db();
        peerDb ??= await openPeer(db());
        return peerDb;
      };
      body({ kind, db, empty: () => emptyDatabase(db()), peer });
    });
  }
}
