import type { Knex } from "knex";
import * as createTelecommands from "./migrations/0001-create-telecommands.js";
import * as createTelecommandHistory from "./migrations/0002-create-telecommand-history.js";
import * as createIdempotencyKeys from "./migrations/0003-create-idempotency-keys.js";
import * as createDownlink from "./migrations/0004-create-downlink.js";
import * as moveLeases from "./migrations/0005-move-leases-to-their-own-table.js";
import * as countByStatus from "./migrations/0006-count-commands-by-status.js";
import * as dropHistoryForeignKey from "./migrations/0007-drop-the-history-foreign-key.js";
import * as createCounters from "./migrations/0008-create-counters.js";
import * as createDownlinkGaps from "./migrations/0010-create-downlink-gaps.js";
import * as holdSpacecraftQueues from "./migrations/0012-hold-spacecraft-queues.js";
import * as createSpacecraft from "./migrations/0014-create-spacecraft.js";
import * as createTelemetry from "./migrations/0015-create-telemetry.js";
import * as telemetryPerFrame from "./migrations/0016-keep-telemetry-history-per-frame.js";
import * as deriveQueueIndexes from "./migrations/0020-derive-queue-indexes-from-the-lifecycle.js";
import * as createDictionaries from "./migrations/0025-create-dictionaries.js";
import * as keepCommandProfiles from "./migrations/0026-keep-command-profiles.js";
import * as createInhibits from "./migrations/0027-create-inhibits.js";
import * as keepDictionaryKeyOrder from "./migrations/0028-keep-dictionary-key-order.js";
import * as nameActors from "./migrations/0030-name-actors.js";
import * as keepComments from "./migrations/0031-keep-comments-in-history.js";
import * as createQueueStates from "./migrations/0032-create-queue-states.js";
import * as holdCommands from "./migrations/0033-hold-commands.js";
import * as createUsers from "./migrations/0035-create-users.js";
import * as createAuditLog from "./migrations/0036-create-audit-log.js";

/** One numbered migration. */
export interface NamedMigration {
  readonly name: string;
  readonly migration: Knex.Migration;
}

/**
 * Every migration, in order. Imported statically (not read from a directory) so that they run
 * the same under tsx from `src/` and from the built `dist/`. Append new ones; never edit one
 * that has landed.
 */
export const MIGRATIONS: readonly NamedMigration[] = [
  { name: "0001-create-telecommands", migration: createTelecommands },
  { name: "0002-create-telecommand-history", migration: createTelecommandHistory },
  { name: "0003-create-idempotency-keys", migration: createIdempotencyKeys },
  { name: "0004-create-downlink", migration: createDownlink },
  { name: "0005-move-leases-to-their-own-table", migration: moveLeases },
  { name: "0006-count-commands-by-status", migration: countByStatus },
  { name: "0007-drop-the-history-foreign-key", migration: dropHistoryForeignKey },
  { name: "0008-create-counters", migration: createCounters },
  { name: "0010-create-downlink-gaps", migration: createDownlinkGaps },
  { name: "0012-hold-spacecraft-queues", migration: holdSpacecraftQueues },
  { name: "0014-create-spacecraft", migration: createSpacecraft },
  { name: "0015-create-telemetry", migration: createTelemetry },
  { name: "0016-keep-telemetry-history-per-frame", migration: telemetryPerFrame },
  { name: "0020-derive-queue-indexes-from-the-lifecycle", migration: deriveQueueIndexes },
  { name: "0025-create-dictionaries", migration: createDictionaries },
  { name: "0026-keep-command-profiles", migration: keepCommandProfiles },
  { name: "0027-create-inhibits", migration: createInhibits },
  { name: "0028-keep-dictionary-key-order", migration: keepDictionaryKeyOrder },
  { name: "0030-name-actors", migration: nameActors },
  { name: "0031-keep-comments-in-history", migration: keepComments },
  { name: "0032-create-queue-states", migration: createQueueStates },
  { name: "0033-hold-commands", migration: holdCommands },
  { name: "0035-create-users", migration: createUsers },
  { name: "0036-create-audit-log", migration: createAuditLog },
];

/** The knex migration source over {@link MIGRATIONS}. */
export const migrationSource: Knex.MigrationSource<NamedMigration> = {
  async getMigrations() {
    return [...MIGRATIONS];
  },
  getMigrationName(entry) {
    return entry.name;
  },
  async getMigration(entry) {
    return entry.migration;
  },
};
