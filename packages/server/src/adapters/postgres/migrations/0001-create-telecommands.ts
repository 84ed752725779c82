import type { Knex } from "knex";

/**
 * The telecommands table. Instants are `bigint` epoch milliseconds, as in core (no conversion,
 * no time zone); text keys use the "C" collation so that SQL and JavaScript sort them alike.
 * `history_seq` is the seq of the command's latest history row; `lease_*` hold a sender's claim.
 * The claim, list, deadline and notBefore paths each have an index; lease columns are left
 * unindexed so that claiming (which only writes them) can be a heap-only update.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE telecommands (
      id uuid PRIMARY KEY,
      spacecraft_id text COLLATE "C" NOT NULL,
      name text COLLATE "C" NOT NULL,
      args jsonb NOT NULL DEFAULT '{}'::jsonb,
      priority integer NOT NULL DEFAULT 0,
      status text COLLATE "C" NOT NULL,
      failure_reason text COLLATE "C",
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL,
      transmitted_at bigint,
      acknowledged_at bigint,
      executed_at bigint,
      failed_at bigint,
      cancelled_at bigint,
      not_before bigint,
      not_after bigint,
      deadline bigint,
      version integer NOT NULL DEFAULT 1,
      history_seq integer NOT NULL DEFAULT 1,
      lease_owner text COLLATE "C",
      lease_until bigint
    ) WITH (fillfactor = 85)`);
  // Claiming: the default lifecycle's queued status, in dispatch order.
  await knex.raw(`
    CREATE INDEX telecommands_ready_dispatch
      ON telecommands (priority DESC, created_at, id) WHERE status = 'ready'`);
  await knex.raw(`
    CREATE INDEX telecommands_ready_spacecraft
      ON telecommands (spacecraft_id, priority DESC, created_at, id) WHERE status = 'ready'`);
  await knex.raw(`
    CREATE INDEX telecommands_ready_not_before
      ON telecommands (not_before) WHERE status = 'ready' AND not_before IS NOT NULL`);
  // Listing newest first, unfiltered and filtered.
  await knex.raw("CREATE INDEX telecommands_created ON telecommands (created_at DESC, id DESC)");
  await knex.raw(
    "CREATE INDEX telecommands_status_created ON telecommands (status, created_at DESC, id DESC)",
  );
  await knex.raw(
    "CREATE INDEX telecommands_spacecraft_created ON telecommands (spacecraft_id, created_at DESC, id DESC)",
  );
  await knex.raw(
    "CREATE INDEX telecommands_deadline ON telecommands (deadline, id) WHERE deadline IS NOT NULL",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE telecommands");
}
