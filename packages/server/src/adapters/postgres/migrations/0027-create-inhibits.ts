import type { Knex } from "knex";

/** Each spacecraft's inhibits (SPEC §9): the categories and command names it refuses. No row: none. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE spacecraft_inhibits (
      spacecraft_id text COLLATE "C" PRIMARY KEY,
      categories jsonb NOT NULL,
      commands jsonb NOT NULL
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE spacecraft_inhibits");
}
