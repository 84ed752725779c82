import type { Knex } from "knex";

/**
 * Named counters shared by every process on the database (core's `Counters` port): refused
 * and duplicate submissions, and the downlink's counts. A row per name, created by its first
 * add; writers add with an upsert, so the row lock orders concurrent adds and none is lost.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE counters (
      name text COLLATE "C" PRIMARY KEY,
      value bigint NOT NULL CHECK (value >= 0)
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE counters");
}
