import type { Knex } from "knex";

/**
 * Telemetry history kept per frame (one row per spacecraft and seq, its parameters as one JSON
 * object) rather than per value: a frame of ten parameters costs one row and its index entries
 * instead of ten, which is what lets the downlink keep up with thousands of frames a second.
 * The history holds nothing yet that must be kept (0015 landed with it in the same release).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE telemetry_history");
  await knex.raw(`
    CREATE TABLE telemetry_history (
      spacecraft_id text COLLATE "C" NOT NULL,
      seq bigint NOT NULL,
      time bigint NOT NULL,
      parameters jsonb NOT NULL,
      PRIMARY KEY (spacecraft_id, seq)
    )`);
  await knex.raw("CREATE INDEX telemetry_history_range ON telemetry_history (spacecraft_id, time)");
  await knex.raw("CREATE INDEX telemetry_history_age ON telemetry_history (time)");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE telemetry_history");
  await knex.raw(`
    CREATE TABLE telemetry_history (
      spacecraft_id text COLLATE "C" NOT NULL,
      name text COLLATE "C" NOT NULL,
      seq bigint NOT NULL,
      time bigint NOT NULL,
      value jsonb NOT NULL,
      PRIMARY KEY (spacecraft_id, name, seq)
    )`);
  await knex.raw(
    "CREATE INDEX telemetry_history_range ON telemetry_history (spacecraft_id, name, time, seq)",
  );
  await knex.raw("CREATE INDEX telemetry_history_age ON telemetry_history (time)");
}
