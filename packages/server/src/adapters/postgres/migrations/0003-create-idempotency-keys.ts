import type { Knex } from "knex";

/** Idempotency keys of submissions: the fingerprint of the first body and the command it made. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE idempotency_keys (
      key text COLLATE "C" PRIMARY KEY,
      fingerprint text NOT NULL,
      command_id uuid NOT NULL REFERENCES telecommands (id),
      created_at bigint NOT NULL
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE idempotency_keys");
}
