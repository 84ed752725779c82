import type { Knex } from "knex";

/**
 * SPEC §10: an operator may hold a ready command; it stays ready and the senders skip it (the
 * claim reads `NOT held`) until it is released. Holds are rare, so the queue's partial indexes
 * keep their predicate and a claim steps over the few held rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE telecommands ADD COLUMN held boolean NOT NULL DEFAULT false");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE telecommands DROP COLUMN held");
}
