import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@uplink/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/database/create-database.js";
import type { Database } from "../../src/database/database.js";
import { migrate, migrationsPending } from "../../src/database/migrate.js";
import { describeDatabases } from "../support/database.js";
import { spawnFixture } from "./fixtures/spawn-fixture.js";

describe("createDatabase on an embedded data directory", () => {
  let dir: string;
  let db: Database;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "uplink-data-"));
    db = await createDatabase({ dataDir: dir });
    await migrate(db.knex);
  });

  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("is PGlite in <dataDir>/pgdata, and answers pings", async () => {
    expect(db.kind).toBe("pglite");
    expect(db.connectionConfig).toBeNull();
    expect((await stat(join(dir, "pgdata"))).isDirectory()).toBe(true);
    expect(await db.ping()).toBe(true);
  });

  it("refuses a second process on the same directory and keeps serving the first", async () => {
    const second = await spawnFixture("open", dir);
    expect(second.line).toMatch(/^DataDirectoryLockedError: .*in use by process \d+/);
    expect(await second.stop()).toBe(1);
    await db.knex.raw("INSERT INTO downlink_cursors (spacecraft_id, seq) VALUES ('sc-kept', 3)");
    expect(await db.ping()).toBe(true);
  });

  it("keeps data across a close and reopen, and gives the lock back on close", async () => {
    await db.close();
    expect(await db.ping()).toBe(false);
    await expect(stat(join(dir, "uplink.lock"))).rejects.toMatchObject({ code: "ENOENT" });
    db = await createDatabase({ dataDir: dir });
    expect(await migrationsPending(db.knex)).toBe(false);
    const rows = await db.knex.raw("SELECT seq FROM downlink_cursors WHERE spacecraft_id = 'sc-kept'");
    expect(rows.rows).toEqual([{ seq: 3 }]);
  });
});

describe("createDatabase options", () => {
  it("rejects a schema that is not a plain identifier, before connecting", async () => {
    const attempt = createDatabase({ databaseUrl: "postgres://nowhere.invalid/db", schema: "x; DROP" });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
  });

  it("asks for a data directory when neither a URL nor in-memory is given", async () => {
    await expect(createDatabase({})).rejects.toMatchObject({ variable: "UPLINK_DATA_DIR" });
  });

  it("starts on an unreachable PostgreSQL (lazily) and reports the ping as failed", async () => {
    const db = await createDatabase({ databaseUrl: "postgres://postgres@127.0.0.1:1/postgres" });
    expect(db.kind).toBe("postgres");
    expect(await db.ping()).toBe(false);
    await db.close();
  });
});

describeDatabases("the opened database", (ctx) => {
  it("reads bigint columns as numbers", async () => {
    const result = await ctx
      .db()
      .knex.raw("SELECT 1893456000000::bigint AS at, count(*) AS n FROM (VALUES (1)) v");
    expect(result.rows).toEqual([{ at: 1893456000000, n: 1 }]);
  });

  it("works in its own schema and names its NOTIFY channel after it", () => {
    const db = ctx.db();
    if (db.kind === "pglite") expect([db.schema, db.channel]).toEqual(["public", "uplink_changes"]);
    else expect(db.channel).toBe(`uplink_changes.${db.schema}`);
  });
});
