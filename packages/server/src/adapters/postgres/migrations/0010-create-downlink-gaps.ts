import type { Knex } from "knex";

/** The gaps skipped in each spacecraft's downlink stream, listed newest first (`GET /api/downlink/gaps`). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE downlink_gaps (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      spacecraft_id text COLLATE "C" NOT NULL,
      from_seq bigint NOT NULL,
      to_seq bigint NOT NULL CHECK (to_seq >= from_seq),
      at bigint NOT NULL,
      cause text NOT NULL CHECK (cause IN ('timeout', 'overflow'))
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE downlink_gaps");
}
