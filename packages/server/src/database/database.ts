import type { Knex } from "knex";
import type { ClientConfig } from "pg";
import type { ChangeBus } from "./change-bus.js";

/** Which engine a {@link Database} runs on. */
export type DatabaseKind = "postgres" | "pglite";

/** How to open the database: PostgreSQL when `databaseUrl` is set, embedded PGlite otherwise. */
export interface DatabaseOptions {
  /** `postgres://…`: use PostgreSQL through `pg`. */
  readonly databaseUrl?: string;
  /**
   * The embedded database's directory (PGlite keeps its files in `<dataDir>/pgdata`, the
   * single-process lock is `<dataDir>/uplink.lock`). Ignored with `databaseUrl`.
   */
  readonly dataDir?: string;
  /** Embedded and in memory (tests): nothing on disk, no lock. Ignored with `databaseUrl`. */
  readonly inMemory?: boolean;
  /**
   * With `inMemory`: start from this dump of a data directory (PGlite's `dumpDataDir`) instead
   * of an empty cluster. Tests load an already migrated image: about 0.3 s instead of ~2 s of
   * initdb and migrations per database.
   */
  readonly inMemoryImage?: Blob;
  /** The PostgreSQL schema that holds Uplink's tables (default `public`); `migrate` creates it. */
  readonly schema?: string;
  /** PostgreSQL connection pool size (default {@link DEFAULT_POOL_SIZE}). */
  readonly poolSize?: number;
  /** How long a query waits for a pooled connection before the storage counts as unavailable. */
  readonly acquireTimeoutMs?: number;
  /** The `application_name` PostgreSQL shows for the connections (default `uplink`). */
  readonly applicationName?: string;
  /**
   * Where knex's warnings go (default `console.warn`). Failed connection attempts are not
   * among them: queries report those as `StorageUnavailableError`.
   */
  readonly onWarning?: (message: string) => void;
}

/** An open database: the knex instance every adapter uses, and how to check and close it. */
export interface Database {
  readonly knex: Knex;
  readonly kind: DatabaseKind;
  /** The schema holding the tables (`public` unless configured). */
  readonly schema: string;
  /** The NOTIFY channel of this schema's change feed. */
  readonly channel: string;
  /** Where adapters announce committed changes in-process (the change feed on PGlite). */
  readonly localBus: ChangeBus;
  /** Settings for a dedicated `pg` client (LISTEN); null on PGlite. */
  readonly connectionConfig: ClientConfig | null;
  /** Whether a trivial query answers (for `/readyz`); never throws. */
  ping(): Promise<boolean>;
  /** Closes the pool (or the embedded engine) and gives back the data-directory lock. */
  close(): Promise<void>;
}

export const DEFAULT_POOL_SIZE = 12;
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 5_000;
export const DEFAULT_SCHEMA = "public";

/** The NOTIFY channel for a schema: one per schema, so that test schemas do not hear each other. */
export function channelFor(schema: string): string {
  return schema === DEFAULT_SCHEMA ? "uplink_changes" : `uplink_changes.${schema}`.slice(0, 63);
}
