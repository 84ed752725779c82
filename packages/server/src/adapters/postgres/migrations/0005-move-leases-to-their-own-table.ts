import type { Knex } from "knex";

/**
 * Leases move out of `telecommands` into an UNLOGGED table of their own. Claiming then writes
 * a small row instead of a new version of the command row (which, since the command row has
 * many indexes and little room on its page, cost an entry in every index), and releasing a
 * sender's leases no longer scans the commands. Unlogged is enough: a lease only spares
 * senders from racing for the same command; the compare-and-set on `ready → transmitted`
 * keeps transmission at most once even if leases vanish in a crash.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE UNLOGGED TABLE telecommand_leases (
      command_id uuid PRIMARY KEY,
      owner text COLLATE "C" NOT NULL,
      until bigint NOT NULL
    )`);
  await knex.raw("CREATE INDEX telecommand_leases_owner ON telecommand_leases (owner)");
  await knex.raw("ALTER TABLE telecommands DROP COLUMN lease_owner, DROP COLUMN lease_until");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    'ALTER TABLE telecommands ADD COLUMN lease_owner text COLLATE "C", ADD COLUMN lease_until bigint',
  );
  await knex.raw("DROP TABLE telecommand_leases");
}
