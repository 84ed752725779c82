import { join, resolve } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { ConfigError } from "@uplink/core";
import knexFactory, { type Knex } from "knex";
import pg from "pg";
import { ChangeBus } from "./change-bus.js";
import { type DataDirectoryLock, lockDataDirectory } from "./data-directory-lock.js";
import {
  channelFor,
  type Database,
  type DatabaseOptions,
  DEFAULT_ACQUIRE_TIMEOUT_MS,
  DEFAULT_POOL_SIZE,
  DEFAULT_SCHEMA,
} from "./database.js";

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
const CONNECT_TIMEOUT_MS = 5_000;
const PING_TIMEOUT_MS = 2_000;

// bigint columns hold epoch milliseconds and counters, all far below 2^53: read them as
// numbers, as PGlite does, instead of pg's default strings.
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * Opens the database: PostgreSQL through `pg` (a pool) when `databaseUrl` is set, otherwise
 * embedded PGlite through `knex-pglite` — in memory, or in `dataDir` under a lock that refuses
 * a second process ({@link DataDirectoryLockedError}). It does not migrate: call {@link migrate}.
 * PostgreSQL is not contacted until the first query, so a process can start during an outage.
 *
 * @example
 * const db = await createDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: ".uplink" });
 * await migrate(db.knex);
 * const repository = new KnexTelecommandRepository(db);
 * // ...
 * await db.close();
 */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!SCHEMA_PATTERN.test(schema)) {
    throw new ConfigError("schema", "a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters)");
  }
  if (options.databaseUrl) return openPostgres(options.databaseUrl, schema, options);
  if (schema !== DEFAULT_SCHEMA)
    throw new ConfigError("schema", "public (the embedded database has one schema)");
  if (options.inMemory) {
    const image = options.inMemoryImage;
    return openPglite(
      image ? { pglite: new (await import("@electric-sql/pglite")).PGlite({ loadDataDir: image }) } : {},
      null,
    );
  }
  if (!options.dataDir) throw new ConfigError("UPLINK_DATA_DIR", "a directory for the embedded database");
  const dataDir = resolve(options.dataDir);
  const lock = await lockDataDirectory(dataDir);
  try {
    return await openPglite({ filename: join(dataDir, "pgdata") }, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openPostgres(
  databaseUrl: string,
  schema: string,
  options: DatabaseOptions,
): Promise<Database> {
  const connectionConfig: pg.ClientConfig = {
    connectionString: databaseUrl,
    types: pgTypes,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    application_name: options.applicationName ?? "uplink",
    // Short statements only: JIT compilation would cost more than any of them (and a prepared
    // statement's generic plan can look expensive enough to trigger it).
    options: "-c jit=off",
  };
  const knex = knexFactory({
    client: "pg",
    // knex hands the object to pg.Client as it is; its own typing lists only the common fields.
    connection: connectionConfig as Knex.PgConnectionConfig,
    pool: { min: 0, max: options.poolSize ?? DEFAULT_POOL_SIZE, idleTimeoutMillis: 30_000 },
    acquireConnectionTimeout: options.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS,
    searchPath: [schema],
    log: quietLog(options.onWarning ?? ((message) => console.warn(message))),
  });
  return assemble(knex, "postgres", schema, connectionConfig, () => knex.destroy());
}

async function openPglite(
  connection: { filename?: string } | { pglite: PGlite },
  lock: DataDirectoryLock | null,
): Promise<Database> {
  // Loaded here, not at the top: PGlite is two copies of a large bundle (its ES module, and the
  // CommonJS one knex-pglite requires), about 100 MiB of resident memory under tsx, which a
  // process on PostgreSQL (every `--role api` and `--role sender`) never uses.
  const { default: ClientPgLite } = await import("knex-pglite");
  // knex-pglite reads `filename` or uses a given `pglite`; an empty object means in memory.
  const knex = knexFactory({
    client: ClientPgLite,
    dialect: "postgres",
    connection: connection as Knex.StaticConnectionConfig,
  });
  try {
    // PGlite starts (and, the first time, initialises its directory) here, not on first use.
    await knex.raw("SELECT 1");
  } catch (error) {
    await knex.destroy().catch(() => undefined);
    throw error;
  }
  return assemble(knex, "pglite", DEFAULT_SCHEMA, null, async () => {
    try {
      await knex.destroy();
    } finally {
      lock?.release();
    }
  });
}

// knex prints every failed connection attempt with its stack; during an outage that is one
// line per query, and the queries already fail with StorageUnavailableError.
function quietLog(warn: (message: string) => void): Knex.Logger {
  return {
    warn: (message: unknown) => {
      const text = String(message);
      if (!text.startsWith("Acquire connection error")) warn(text);
    },
    error: (message: unknown) => warn(String(message)),
    deprecate: (method: unknown, alternative: unknown) => warn(`${method} is deprecated, use ${alternative}`),
    debug: () => undefined,
  };
}

function assemble(
  knex: Knex,
  kind: Database["kind"],
  schema: string,
  connectionConfig: pg.ClientConfig | null,
  destroy: () => Promise<void>,
): Database {
  let closing: Promise<void> | null = null;
  return {
    knex,
    kind,
    schema,
    channel: channelFor(schema),
    localBus: new ChangeBus(),
    connectionConfig,
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((done) => {
        timer = setTimeout(() => done(false), PING_TIMEOUT_MS);
      });
      const query = knex.raw("SELECT 1").then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([query, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closing ??= destroy();
      return closing;
    },
  };
}
