import { randomBytes } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { createDatabase } from "../../src/database/create-database.js";
import { migrationsPending } from "../../src/database/migrate.js";
import { POSTGRES_TEST_URL } from "../support/database.js";
import { describePostgres, killChildren, spawnUplink } from "../support/server.js";

describePostgres("uplink migrate", () => {
  const schema = `uplink_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(POSTGRES_TEST_URL);
  url.searchParams.set("schema", schema);

  afterAll(async () => {
    await killChildren();
    const db = await createDatabase({ databaseUrl: POSTGRES_TEST_URL });
    await db.knex.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db.close();
  });

  it("applies the migrations to the DATABASE_URL schema, then finds nothing to do", async () => {
    const first = spawnUplink(["migrate"], { DATABASE_URL: url.toString() });
    expect((await first.exited).code).toBe(0);
    expect(first.output()).toMatch(/"msg":"applied 0001-/);
    const db = await createDatabase({ databaseUrl: POSTGRES_TEST_URL, schema });
    try {
      expect(await migrationsPending(db.knex)).toBe(false);
    } finally {
      await db.close();
    }
    const again = spawnUplink(["migrate"], { DATABASE_URL: url.toString() });
    expect((await again.exited).code).toBe(0);
    expect(again.output()).toContain("the database is up to date");
  }, 120_000);
});
