import type { Knex } from "knex";

/** The audit log (SPEC §10): who changed users, spacecraft, dictionaries, inhibits, queue states. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at bigint NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      target text
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE audit_log");
}
