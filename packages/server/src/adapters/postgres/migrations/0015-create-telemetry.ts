import type { Knex } from "knex";

/**
 * Telemetry (SPEC §8): each parameter's latest value (by seq: a late frame never overwrites
 * it), and the history of every value, one row per spacecraft, parameter and seq, pruned by
 * time after the retention.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE telemetry_latest (
      spacecraft_id text COLLATE "C" NOT NULL,
      name text COLLATE "C" NOT NULL,
      value jsonb NOT NULL,
      time bigint NOT NULL,
      seq bigint NOT NULL,
      PRIMARY KEY (spacecraft_id, name)
    )`);
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

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE telemetry_history");
  await knex.raw("DROP TABLE telemetry_latest");
}
