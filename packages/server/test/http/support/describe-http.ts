import { InMemoryTelecommandRepository, type TelecommandRepository } from "@uplink/core";
import { afterEach, beforeEach, describe } from "vitest";
import { KnexAuditLog } from "../../../src/adapters/postgres/knex-audit-log.js";
import { KnexCounters } from "../../../src/adapters/postgres/knex-counters.js";
import { KnexDownlinkLog } from "../../../src/adapters/postgres/knex-downlink-log.js";
import { KnexTelecommandRepository } from "../../../src/adapters/postgres/knex-telecommand-repository.js";
import { KnexUserStore } from "../../../src/adapters/postgres/knex-user-store.js";
import type { Database, DatabaseKind } from "../../../src/database/database.js";
import { describeDatabases } from "../../support/database.js";
import { type HttpHarness, type HttpHarnessOptions, startHttp } from "./http-harness.js";

/** Options of {@link HttpSuiteContext.start}. */
export interface SuiteServerOptions
  extends Omit<
    HttpHarnessOptions,
    "repository" | "downlinkLog" | "counters" | "lastEventId" | "users" | "audit"
  > {
  /** Wraps the suite's repository (to inject failures). */
  readonly wrapRepository?: (repository: TelecommandRepository) => TelecommandRepository;
}

/** Where a suite's commands are stored: core's in-memory repository, or a database. */
export type StorageKind = "memory" | DatabaseKind;

/** What a suite run by {@link describeHttp} gets. */
export interface HttpSuiteContext {
  readonly kind: StorageKind;
  /** Starts a server on this database (emptied before each test); it is closed after the test. */
  start(options?: SuiteServerOptions): Promise<HttpHarness>;
  /**
   * Rows in every table that holds what requests sent (commands, history, idempotency keys,
   * downlink frames), read from the database itself; null on memory.
   */
  storedRows(): Promise<number | null>;
}

const INPUT_TABLES = ["telecommands", "telecommand_history", "idempotency_keys", "downlink_frames"];

async function countRows(db: Database): Promise<number> {
  const union = INPUT_TABLES.map((table) => `SELECT count(*) AS n FROM ${table}`).join(" UNION ALL ");
  const result = await db.knex.raw<{ rows: { n: number | string }[] }>(union);
  return result.rows.reduce((sum, row) => sum + Number(row.n), 0);
}

/**
 * Runs an HTTP suite on PGlite and on PostgreSQL (the storage helper's `describeDatabases`: one
 * migrated database per kind and file), each test with its own listening server on empty tables.
 * Suites about the HTTP layer alone may ask for `["memory"]`: core's in-memory repository.
 */
export function describeHttp(
  name: string,
  body: (ctx: HttpSuiteContext) => void,
  kinds: readonly StorageKind[] = ["pglite", "postgres"],
): void {
  if (kinds.includes("memory")) {
    describe(`${name} on memory`, () => {
      const open = tracked();
      body({
        kind: "memory",
        start: ({ wrapRepository, ...options } = {}) => {
          const repository = new InMemoryTelecommandRepository();
          return open(startHttp({ ...options, repository: wrapRepository?.(repository) ?? repository }));
        },
        storedRows: async () => null,
      });
    });
  }
  const databases = kinds.filter((k): k is DatabaseKind => k !== "memory");
  if (databases.length === 0) return;
  describeDatabases(
    name,
    (database) => {
      beforeEach(() => database.empty());
      const open = tracked();
      body({
        kind: database.kind,
        start: ({ wrapRepository, ...options } = {}) => {
          const db = database.db();
          const repository = new KnexTelecommandRepository(db);
          return open(
            startHttp({
              ...options,
              repository: wrapRepository?.(repository) ?? repository,
              downlinkLog: new KnexDownlinkLog(db),
              lastEventId: () => repository.lastEventId(),
              counters: new KnexCounters(db),
              users: new KnexUserStore(db),
              audit: new KnexAuditLog(db),
            }),
          );
        },
        storedRows: () => countRows(database.db()),
      });
    },
    { kinds: databases },
  );
}

/** Closes every server a test started, after the test. */
function tracked(): (starting: Promise<HttpHarness>) => Promise<HttpHarness> {
  const open: HttpHarness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  return async (starting) => {
    const harness = await starting;
    open.push(harness);
    return harness;
  };
}
