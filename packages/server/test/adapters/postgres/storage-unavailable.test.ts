import { randomBytes } from "node:crypto";
import { StorageUnavailableError } from "@uplink/core";
import { makeFrame, makeTelecommand, makeTransition } from "@uplink/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { KnexDownlinkLog } from "../../../src/adapters/postgres/knex-downlink-log.js";
import { KnexTelecommandRepository } from "../../../src/adapters/postgres/knex-telecommand-repository.js";
import { createDatabase } from "../../../src/database/create-database.js";
import { migrationsPending } from "../../../src/database/migrate.js";
import { describeDatabases, openTestDatabase, type TestDatabase } from "../../support/database.js";

const command = makeTelecommand();

/** Every port method, once. */
const everyCall = (
  repo: KnexTelecommandRepository,
  log: KnexDownlinkLog,
): [string, () => Promise<unknown>][] => [
  ["insert", () => repo.insert(makeTelecommand(), { key: "k", fingerprint: "f" })],
  ["get", () => repo.get(command.id)],
  ["list", () => repo.list({ limit: 10 })],
  ["transition", () => repo.transition(makeTransition(command, "transmitted"))],
  [
    "recordIgnored",
    () =>
      repo.recordIgnored({
        id: command.id,
        at: 1,
        reason: "late",
        source: "spacecraft",
        actor: "spacecraft",
      }),
  ],
  ["claim", () => repo.claim({ owner: "s", now: 1, leaseMs: 1, limit: 1, statuses: ["ready"] })],
  ["release", () => repo.release("s")],
  ["spacecraftWithQueued", () => repo.spacecraftWithQueued(["ready"])],
  ["nextNotBefore", () => repo.nextNotBefore(["ready"], 1)],
  ["overdue", () => repo.overdue(1, 10)],
  ["history", () => repo.history(command.id)],
  ["historyAfter", () => repo.historyAfter(0, 10)],
  ["countByStatus", () => repo.countByStatus()],
  ["append", () => log.append(makeFrame(), 1)],
  ["load", () => log.load("sc-1")],
  [
    "save",
    () =>
      log.save({
        spacecraftId: "sc-1",
        cursor: 2,
        gaps: [],
        applied: 0,
        late: 0,
        unknownCommand: 0,
        unknownType: 0,
        telemetry: 0,
      }),
  ],
];

describe("storage that cannot be reached", () => {
  it("fails every call with StorageUnavailableError on an unreachable PostgreSQL", async () => {
    const db = await createDatabase({
      databaseUrl: "postgres://postgres@127.0.0.1:1/postgres",
      acquireTimeoutMs: 2_000,
    });
    try {
      const calls = everyCall(new KnexTelecommandRepository(db), new KnexDownlinkLog(db));
      for (const [name, call] of calls) {
        await expect(call(), name).rejects.toBeInstanceOf(StorageUnavailableError);
      }
      await expect(migrationsPending(db.knex)).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      await db.close();
    }
  });
});

describeDatabases(
  "storage that goes away",
  (ctx) => {
    it("fails every call with StorageUnavailableError once the database is closed", async () => {
      const opened = await openTestDatabase(ctx.kind);
      const repo = new KnexTelecommandRepository(opened.db);
      const log = new KnexDownlinkLog(opened.db);
      await repo.insert(command);
      await opened.dispose();
      for (const [name, call] of everyCall(repo, log)) {
        await expect(call(), name).rejects.toBeInstanceOf(StorageUnavailableError);
      }
    });
  },
  { shared: false },
);

describeDatabases(
  "storage whose connections are cut",
  () => {
    const applicationName = `uplink-cut-${randomBytes(4).toString("hex")}`;
    let opened: TestDatabase;
    afterAll(async () => {
      await opened?.dispose();
    });

    it("reports the cut as StorageUnavailableError, then recovers without a restart, losing nothing", async () => {
      opened = await openTestDatabase("postgres", { applicationName });
      const repo = new KnexTelecommandRepository(opened.db);
      const stored = await Promise.all(Array.from({ length: 20 }, () => repo.insert(makeTelecommand())));
      const killer = await createDatabase({
        databaseUrl: opened.db.connectionConfig?.connectionString as string,
      });
      try {
        const cut = await killer.knex.raw(
          "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = ?",
          [applicationName],
        );
        expect(cut.rows.length).toBeGreaterThan(0);
      } finally {
        await killer.close();
      }
      const errors: unknown[] = [];
      let recovered = false;
      for (let attempt = 0; attempt < 40 && !recovered; attempt++) {
        try {
          await Promise.all(Array.from({ length: 12 }, () => repo.list({ limit: 50 })));
          recovered = true;
        } catch (error) {
          errors.push(error);
        }
      }
      expect(recovered).toBe(true);
      for (const error of errors) expect(error).toBeInstanceOf(StorageUnavailableError);
      const after = await repo.list({ limit: 50 });
      expect(after.items.map((c) => c.id).sort()).toEqual(stored.map((s) => s.command.id).sort());
    });
  },
  { kinds: ["postgres"], shared: false },
);
