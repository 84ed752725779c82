import type { Knex } from "knex";

/**
 * SPEC §10: operators' comments are history entries of kind `comment`; every other row is a
 * `transition` (applied or ignored).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `ALTER TABLE telecommand_history ADD COLUMN kind text COLLATE "C" NOT NULL DEFAULT 'transition'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE telecommand_history DROP COLUMN kind");
}
