import type { Knex } from "knex";

/**
 * What a command's dictionary entry said of it at submission (SPEC §9): the dictionary's
 * version, its category and hazard, and its own timeouts. Null (and not hazardous) for a
 * command whose spacecraft had no dictionary, as every command stored before this had.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE telecommands
      ADD COLUMN dictionary_version text COLLATE "C",
      ADD COLUMN category text,
      ADD COLUMN hazardous boolean NOT NULL DEFAULT false,
      ADD COLUMN acceptance_timeout_ms integer,
      ADD COLUMN execution_timeout_ms integer`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE telecommands
      DROP COLUMN dictionary_version, DROP COLUMN category, DROP COLUMN hazardous,
      DROP COLUMN acceptance_timeout_ms, DROP COLUMN execution_timeout_ms`);
}
