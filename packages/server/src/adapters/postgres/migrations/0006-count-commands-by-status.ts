import type { Knex } from "knex";

/**
 * The number of commands in each status, kept by the same statements that insert and move
 * commands, so that `/api/stats` and `/metrics` read a handful of rows instead of counting
 * millions. Writers update it only while holding the event counter's row lock, hence one at a
 * time and without deadlocks. Starts from the commands already stored.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE telecommand_status_counts (
      status text COLLATE "C" PRIMARY KEY,
      n bigint NOT NULL
    )`);
  await knex.raw(
    "INSERT INTO telecommand_status_counts (status, n) SELECT status, count(*) FROM telecommands GROUP BY status",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE telecommand_status_counts");
}
