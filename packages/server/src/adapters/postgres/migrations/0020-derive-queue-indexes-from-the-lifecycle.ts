import type { Knex } from "knex";

/**
 * 0001's claim indexes named the default lifecycle's queued state in their predicate, so a
 * lifecycle that renames it had none. They go: `migrate` now builds the queue's partial indexes
 * from the lifecycle and dispatch order it is given (`syncQueueIndexes`), after the migrations.
 */
export async function up(knex: Knex): Promise<void> {
  for (const name of OLD_INDEXES) await knex.raw(`DROP INDEX IF EXISTS ${name}`);
}

/** Puts 0001's indexes back, as 0001 wrote them. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX telecommands_ready_dispatch ON telecommands (priority DESC, created_at, id) WHERE status = 'ready'`,
  );
  await knex.raw(
    `CREATE INDEX telecommands_ready_spacecraft ON telecommands (spacecraft_id, priority DESC, created_at, id) WHERE status = 'ready'`,
  );
  await knex.raw(
    `CREATE INDEX telecommands_ready_not_before ON telecommands (not_before) WHERE status = 'ready' AND not_before IS NOT NULL`,
  );
}

const OLD_INDEXES = [
  "telecommands_ready_dispatch",
  "telecommands_ready_spacecraft",
  "telecommands_ready_not_before",
];
