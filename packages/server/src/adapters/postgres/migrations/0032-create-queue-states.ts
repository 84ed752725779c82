import type { Knex } from "knex";

/** Each spacecraft's queue state (SPEC §10): `held` or `closed`; no row, or `open`, lets it send. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE spacecraft_queues (
      spacecraft_id text COLLATE "C" PRIMARY KEY,
      state text COLLATE "C" NOT NULL CHECK (state IN ('open', 'held', 'closed'))
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE spacecraft_queues");
}
