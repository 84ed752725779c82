import type { QueueState, QueueStateStore } from "@uplink/core";
import type { Database } from "../../database/database.js";
import { selectQueueState, upsertQueueState } from "./sql/queue-states.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import { withStorage } from "./storage-errors.js";

/**
 * Core's {@link QueueStateStore} on PostgreSQL or PGlite: one row per spacecraft whose queue was
 * ever set, in `spacecraft_queues`, shared by every process on the database.
 *
 * @example
 * const store = new KnexQueueStateStore(db);
 */
export class KnexQueueStateStore implements QueueStateStore {
  private readonly runner: Runner;

  constructor(db: Database) {
    this.runner = createRunner(db.knex, db.kind);
  }

  put(spacecraftId: string, state: QueueState): Promise<void> {
    return withStorage(() => upsertQueueState(this.runner, spacecraftId, state));
  }

  async get(spacecraftId: string): Promise<QueueState> {
    return (await withStorage(() => selectQueueState(this.runner, spacecraftId))) ?? "open";
  }
}
