import type { Knex } from "knex";
import { expect, it } from "vitest";
import { KnexTelecommandRepository } from "../../src/adapters/postgres/knex-telecommand-repository.js";
import {
  MIGRATIONS,
  migrationSource,
  type NamedMigration,
} from "../../src/adapters/postgres/migration-source.js";
import { MIGRATIONS_TABLE, migrate, migrationsPending, schemaOf } from "../../src/database/migrate.js";
import { describeDatabases, useUnmigratedDatabases } from "../support/database.js";

/** The last migration before dictionaries kept as written (0028), actors (0030), comments (0031), queue states (0032) and holds (0033). */
const BEFORE_ACTORS = "0027-create-inhibits";

/** Applies the migrations up to and including `last`, as a database of that time had them. */
async function migrateUpTo(knex: Knex, last: string): Promise<void> {
  const upTo = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === last) + 1);
  const schema = schemaOf(knex);
  if (schema !== "public") await knex.raw("CREATE SCHEMA IF NOT EXISTS ??", [schema]);
  await knex.migrate.latest({
    migrationSource: { ...migrationSource, getMigrations: async (): Promise<NamedMigration[]> => upTo },
    tableName: MIGRATIONS_TABLE,
    schemaName: schema,
  });
}

const ids = {
  executed: "0190a0b0-0000-7000-8000-0000000000a1",
  cancelled: "0190a0b0-0000-7000-8000-0000000000a2",
  ready: "0190a0b0-0000-7000-8000-0000000000a3",
};

/** History rows as the 0027 schema stored them: no actor, no kind. */
const oldHistory: readonly (readonly [string, number, string | null, string, string, boolean])[] = [
  // command, seq, from, to, source, ignored
  [ids.executed, 1, null, "ready", "operator", false],
  [ids.executed, 2, "ready", "transmitted", "sender", false],
  [ids.executed, 3, "transmitted", "acknowledged", "spacecraft", false],
  [ids.executed, 4, "acknowledged", "executed", "spacecraft", false],
  [ids.cancelled, 1, null, "ready", "operator", false],
  [ids.cancelled, 2, "ready", "cancelled", "operator", false],
  [ids.ready, 1, null, "ready", "operator", false],
  [ids.ready, 2, "ready", "ready", "timeout", true],
];

async function insertOldRows(knex: Knex): Promise<void> {
  // An ignored event takes a history seq but leaves the version (the ready command's seq 2).
  const command = (id: string, status: string, version: number, historySeq: number, created: number) =>
    knex.raw(
      `INSERT INTO telecommands (id, spacecraft_id, name, args, status, created_at, updated_at, version, history_seq, category)
       VALUES (?, 'sc-1', 'PING', '{"n":1}', ?, ?, ?, ?, ?, 'comms')`,
      [id, status, created, created + historySeq, version, historySeq],
    );
  await command(ids.executed, "executed", 4, 4, 1_000);
  await command(ids.cancelled, "cancelled", 2, 2, 2_000);
  await command(ids.ready, "ready", 1, 2, 3_000);
  let eventId = 0;
  for (const [commandId, seq, from, to, source, ignored] of oldHistory) {
    eventId += 1;
    await knex.raw(
      `INSERT INTO telecommand_history (event_id, command_id, seq, from_status, to_status, at, source, ignored)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [eventId, commandId, seq, from, to, 10_000 + eventId, source, ignored],
    );
  }
  await knex.raw("UPDATE telecommand_event_counter SET last_event_id = ?", [eventId]);
}

describeDatabases(
  "migrating a database that already holds commands",
  (ctx) => {
    const fresh = useUnmigratedDatabases(ctx.kind);

    it("keeps every row, names actors from the source, and history stays append-only", async () => {
      const db = await fresh();
      await migrateUpTo(db.knex, BEFORE_ACTORS);
      await insertOldRows(db.knex);

      const applied = await migrate(db.knex);
      expect(applied.slice(0, 2)).toEqual(["0028-keep-dictionary-key-order", "0030-name-actors"]);
      expect(applied).toContain("0033-hold-commands");
      expect(await migrationsPending(db.knex)).toBe(false);

      const commands = await db.knex.raw<{
        rows: { id: string; status: string; submitted_by: string; held: boolean; version: number }[];
      }>("SELECT id, status, submitted_by, held, version FROM telecommands ORDER BY created_at");
      expect(commands.rows).toEqual([
        { id: ids.executed, status: "executed", submitted_by: "anonymous", held: false, version: 4 },
        { id: ids.cancelled, status: "cancelled", submitted_by: "anonymous", held: false, version: 2 },
        { id: ids.ready, status: "ready", submitted_by: "anonymous", held: false, version: 1 },
      ]);

      const history = await db.knex.raw<{
        rows: {
          command_id: string;
          seq: number;
          to_status: string;
          source: string;
          actor: string;
          kind: string;
        }[];
      }>("SELECT command_id, seq, to_status, source, actor, kind FROM telecommand_history ORDER BY event_id");
      const actorOf: Record<string, string> = {
        operator: "anonymous",
        sender: "sender",
        spacecraft: "spacecraft",
        timeout: "system",
      };
      expect(history.rows).toEqual(
        oldHistory.map(([commandId, seq, , to, source]) => ({
          command_id: commandId,
          seq,
          to_status: to,
          source,
          actor: actorOf[source],
          kind: "transition",
        })),
      );

      // The trigger set aside for the backfill refuses rewrites again.
      await expect(db.knex.raw("UPDATE telecommand_history SET actor = 'mallory'")).rejects.toThrow(
        /append-only/,
      );
      await expect(db.knex.raw("DELETE FROM telecommand_history")).rejects.toThrow(/append-only/);
      await expect(
        db.knex.raw(
          "INSERT INTO telecommand_history (event_id, command_id, seq, to_status, at, source) VALUES (99, ?, 9, 'ready', 1, 'operator')",
          [ids.ready],
        ),
      ).rejects.toThrow(/actor/);

      // The repository reads the old rows as today's commands, and moves them on.
      const repository = new KnexTelecommandRepository(db);
      const executed = await repository.get(ids.executed);
      expect(executed).toMatchObject({ status: "executed", submittedBy: "anonymous", held: false });
      const entries = await repository.history(ids.executed);
      expect(entries.map((e) => e.actor)).toEqual(["anonymous", "sender", "spacecraft", "spacecraft"]);
      const ready = await repository.get(ids.ready);
      if (!ready) throw new Error("the ready command is gone");
      const moved = await repository.transition({
        id: ids.ready,
        expectedVersion: ready.version,
        from: "ready",
        to: "cancelled",
        failureReason: null,
        stamps: { cancelledAt: 20_000 },
        deadline: null,
        at: 20_000,
        reason: null,
        source: "operator",
        actor: "ada",
      });
      expect(moved).toMatchObject({ ok: true });
      expect((await repository.history(ids.ready)).at(-1)).toMatchObject({
        seq: 3,
        to: "cancelled",
        actor: "ada",
      });
    });
  },
  { shared: false },
);
