import type { Knex } from "knex";

/**
 * The append-only history. `event_id` is the global Server-Sent Events id. It is not a
 * sequence: writers take ids from the one-row `telecommand_event_counter`, whose row lock is
 * held until commit, so ids are gap-free and in commit order and a reader resuming from
 * `event_id > n` can never miss a row committed later with a smaller id. A trigger rejects
 * UPDATE and DELETE, so history cannot be rewritten even by mistake.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE telecommand_event_counter (
      id smallint PRIMARY KEY CHECK (id = 1),
      last_event_id bigint NOT NULL
    )`);
  await knex.raw("INSERT INTO telecommand_event_counter (id, last_event_id) VALUES (1, 0)");
  await knex.raw(`
    CREATE TABLE telecommand_history (
      event_id bigint PRIMARY KEY,
      command_id uuid NOT NULL REFERENCES telecommands (id),
      seq integer NOT NULL,
      from_status text COLLATE "C",
      to_status text COLLATE "C" NOT NULL,
      at bigint NOT NULL,
      reason text,
      source text COLLATE "C" NOT NULL,
      ignored boolean NOT NULL DEFAULT false,
      UNIQUE (command_id, seq)
    )`);
  await knex.raw(`
    CREATE FUNCTION telecommand_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'telecommand_history is append-only (% refused)', TG_OP;
    END
    $$`);
  await knex.raw(`
    CREATE TRIGGER telecommand_history_append_only
      BEFORE UPDATE OR DELETE ON telecommand_history
      FOR EACH ROW EXECUTE FUNCTION telecommand_history_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE telecommand_history");
  await knex.raw("DROP FUNCTION telecommand_history_append_only()");
  await knex.raw("DROP TABLE telecommand_event_counter");
}
