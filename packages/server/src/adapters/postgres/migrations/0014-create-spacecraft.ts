import type { Knex } from "knex";

/**
 * The registered spacecraft (SPEC §8). `mission_folded` is the mission in lower case, so that
 * lists by mission are case-insensitive without a function in every query; `last_frame_at` is
 * moved forward by the downlink, one statement per batch of frames.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE spacecraft (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      mission text,
      mission_folded text COLLATE "C" GENERATED ALWAYS AS (lower(mission)) STORED,
      created_at bigint NOT NULL,
      contacts text,
      uplink_url text,
      uplink_rate_bps bigint,
      last_frame_at bigint
    )`);
  await knex.raw("CREATE INDEX spacecraft_mission ON spacecraft (mission_folded)");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE spacecraft");
}
