import type { Knex } from "knex";

/**
 * Each mission's current command dictionary (SPEC §9): the validated document and its version.
 * Keyed by the lower-cased mission, since missions are matched case-insensitively; `mission`
 * keeps the spelling the dictionary uses.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE dictionaries (
      mission_key text COLLATE "C" PRIMARY KEY,
      mission text NOT NULL,
      version text COLLATE "C" NOT NULL,
      document jsonb NOT NULL,
      updated_at bigint NOT NULL
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE dictionaries");
}
