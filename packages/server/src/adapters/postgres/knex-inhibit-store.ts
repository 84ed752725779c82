import { type InhibitStore, type Inhibits, NO_INHIBITS } from "@uplink/core";
import type { Database } from "../../database/database.js";
import { selectInhibits, upsertInhibits } from "./sql/inhibits.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import { withStorage } from "./storage-errors.js";

/**
 * Core's {@link InhibitStore} on PostgreSQL or PGlite: one row per spacecraft in
 * `spacecraft_inhibits`, shared by every process on the database.
 *
 * @example
 * const store = new KnexInhibitStore(db);
 */
export class KnexInhibitStore implements InhibitStore {
  private readonly runner: Runner;

  constructor(db: Database) {
    this.runner = createRunner(db.knex, db.kind);
  }

  put(spacecraftId: string, inhibits: Inhibits): Promise<void> {
    return withStorage(() => upsertInhibits(this.runner, spacecraftId, inhibits));
  }

  async get(spacecraftId: string): Promise<Inhibits> {
    return (await withStorage(() => selectInhibits(this.runner, spacecraftId))) ?? NO_INHIBITS;
  }
}
