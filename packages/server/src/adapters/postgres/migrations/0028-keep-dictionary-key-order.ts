import type { Knex } from "knex";

/**
 * A dictionary is stored as the author wrote it: `jsonb` orders an object's keys by length, so
 * a command's arguments came back in another order than the file's, and the console's form
 * showed them so. `json` keeps the text, and so the order (SPEC §9's arguments are an object).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE dictionaries ALTER COLUMN document TYPE json USING document::json");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE dictionaries ALTER COLUMN document TYPE jsonb USING document::jsonb");
}
