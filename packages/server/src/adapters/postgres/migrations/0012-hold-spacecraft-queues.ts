import type { Knex } from "knex";

/**
 * One sender serves a spacecraft's queue at a time (SPEC §2: the commands of one spacecraft
 * leave in dispatch order, with several senders too): a claim takes commands only of
 * spacecraft that no other owner holds, and holds each spacecraft it takes commands of until
 * its leases' end. UNLOGGED, like the leases: a hold only keeps senders from interleaving one
 * spacecraft's commands, and a crash that loses it loses the leases too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE UNLOGGED TABLE telecommand_spacecraft_holds (
      spacecraft_id text COLLATE "C" PRIMARY KEY,
      owner text COLLATE "C" NOT NULL,
      until bigint NOT NULL
    )`);
  await knex.raw("CREATE INDEX telecommand_spacecraft_holds_owner ON telecommand_spacecraft_holds (owner)");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE telecommand_spacecraft_holds");
}
