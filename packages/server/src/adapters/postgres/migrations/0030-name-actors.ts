import type { Knex } from "knex";

/**
 * SPEC §10: every history row names its actor (the user, or `sender`, `spacecraft`, `system`)
 * and every command its submitter. Rows written before are named by their source: an
 * operator's as `anonymous` (there were no users then), the others as the source's actor.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE telecommands ADD COLUMN submitted_by text NOT NULL DEFAULT 'anonymous'`);
  await knex.raw(`ALTER TABLE telecommand_history ADD COLUMN actor text`);
  // History is append-only (a trigger refuses UPDATE): the trigger is set aside for the backfill.
  await knex.raw("ALTER TABLE telecommand_history DISABLE TRIGGER telecommand_history_append_only");
  await knex.raw(`
    UPDATE telecommand_history SET actor = CASE source
      WHEN 'operator' THEN 'anonymous'
      WHEN 'sender' THEN 'sender'
      WHEN 'spacecraft' THEN 'spacecraft'
      ELSE 'system' END`);
  await knex.raw("ALTER TABLE telecommand_history ENABLE TRIGGER telecommand_history_append_only");
  await knex.raw(`ALTER TABLE telecommand_history ALTER COLUMN actor SET NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE telecommand_history DROP COLUMN actor");
  await knex.raw("ALTER TABLE telecommands DROP COLUMN submitted_by");
}
