import type { Knex } from "knex";

/**
 * The history's foreign key to its command goes. Its check ran a trigger and an index probe
 * for every history row, three per lifecycle (a tenth of the dispatch bench's database time),
 * and proved nothing the writers do not already: each history row is inserted by the very
 * statement that inserts or updates its command, from that statement's own rows. What the key
 * also forbade, deleting a command that has history, a statement trigger now refuses for every
 * command (commands are never deleted; history is append-only), at no cost to other writes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    "ALTER TABLE telecommand_history DROP CONSTRAINT IF EXISTS telecommand_history_command_id_fkey",
  );
  await knex.raw(`
    CREATE FUNCTION telecommands_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'telecommands are never deleted (their history refers to them)';
    END
    $$`);
  await knex.raw(`
    CREATE TRIGGER telecommands_never_deleted
      BEFORE DELETE ON telecommands
      FOR EACH STATEMENT EXECUTE FUNCTION telecommands_never_deleted()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TRIGGER telecommands_never_deleted ON telecommands");
  await knex.raw("DROP FUNCTION telecommands_never_deleted()");
  await knex.raw(
    "ALTER TABLE telecommand_history ADD CONSTRAINT telecommand_history_command_id_fkey FOREIGN KEY (command_id) REFERENCES telecommands (id)",
  );
}
