import { expect, it } from "vitest";
import { MIGRATIONS } from "../../src/adapters/postgres/migration-source.js";
import { createDatabase } from "../../src/database/create-database.js";
import { migrate, migrationsPending } from "../../src/database/migrate.js";
import { describeDatabases, POSTGRES_TEST_URL, useUnmigratedDatabases } from "../support/database.js";

const names = MIGRATIONS.map((m) => m.name);

describeDatabases("migrate", (ctx) => {
  const fresh = useUnmigratedDatabases(ctx.kind);

  it("applies every migration once, and nothing the second time", async () => {
    const db = await fresh();
    expect(await migrationsPending(db.knex)).toBe(true);
    expect(await migrate(db.knex)).toEqual(names);
    expect(await migrationsPending(db.knex)).toBe(false);
    expect(await migrate(db.knex)).toEqual([]);
    expect(await migrationsPending(db.knex)).toBe(false);
  });

  it("leaves the migrated database of the suite current", async () => {
    expect(await migrationsPending(ctx.db().knex)).toBe(false);
  });

  it("refuses to rewrite history: UPDATE and DELETE on telecommand_history fail", async () => {
    const knex = ctx.db().knex;
    await ctx.empty();
    const id = "0190a0b0-0000-7000-8000-000000000001";
    await knex.raw(
      `INSERT INTO telecommands (id, spacecraft_id, name, status, created_at, updated_at) VALUES (?, 'sc-1', 'PING', 'ready', 1, 1)`,
      [id],
    );
    await knex.raw(
      `INSERT INTO telecommand_history (event_id, command_id, seq, to_status, at, source, actor) VALUES (-1, ?, 1, 'ready', 1, 'operator', 'ada')`,
      [id],
    );
    await expect(knex.raw("UPDATE telecommand_history SET reason = 'x'")).rejects.toThrow(/append-only/);
    await expect(knex.raw("DELETE FROM telecommand_history")).rejects.toThrow(/append-only/);
    await ctx.empty();
  });

  it("refuses to delete a command, whose history refers to it", async () => {
    const knex = ctx.db().knex;
    await ctx.empty();
    await knex.raw(
      `INSERT INTO telecommands (id, spacecraft_id, name, status, created_at, updated_at) VALUES (?, 'sc-1', 'PING', 'ready', 1, 1)`,
      ["0190a0b0-0000-7000-8000-000000000002"],
    );
    await expect(knex.raw("DELETE FROM telecommands")).rejects.toThrow(/never deleted/);
    await ctx.empty();
  });
});

describeDatabases(
  "migrate from several processes at once",
  () => {
    it("migrates once; the others find nothing to do", async () => {
      const schema = `uplink_test_c${Math.random().toString(36).slice(2, 10)}`;
      const peers = await Promise.all(
        [1, 2, 3].map(() => createDatabase({ databaseUrl: POSTGRES_TEST_URL, schema, poolSize: 2 })),
      );
      try {
        const applied = await Promise.all(peers.map((p) => migrate(p.knex)));
        expect(applied.map((a) => a.length).sort()).toEqual([0, 0, names.length]);
        for (const p of peers) expect(await migrationsPending(p.knex)).toBe(false);
      } finally {
        await peers[0]?.knex.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
        await Promise.all(peers.map((p) => p.close()));
      }
    });
  },
  { kinds: ["postgres"], shared: false },
);
