import type { Knex } from "knex";

/**
 * Received downlink frames, unique per spacecraft and seq (the first write wins), and how far
 * each spacecraft's stream has been applied.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE downlink_frames (
      spacecraft_id text COLLATE "C" NOT NULL,
      seq bigint NOT NULL,
      fingerprint text NOT NULL,
      frame jsonb NOT NULL,
      received_at bigint NOT NULL,
      PRIMARY KEY (spacecraft_id, seq)
    )`);
  await knex.raw(`
    CREATE TABLE downlink_cursors (
      spacecraft_id text COLLATE "C" PRIMARY KEY,
      seq bigint NOT NULL
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE downlink_cursors");
  await knex.raw("DROP TABLE downlink_frames");
}
