import type { Knex } from "knex";

/**
 * A version per downlink stream, moved on by every save of its cursor, so that a process can
 * tell whether another saved the stream since it last did (and read it again); and the gaps
 * skipped, newest listed first (`GET /api/downlink/gaps`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE downlink_cursors ADD COLUMN version bigint NOT NULL DEFAULT 0");
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
  await knex.raw("ALTER TABLE downlink_cursors DROP COLUMN version");
}
