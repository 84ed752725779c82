import { type Counters, type CounterValues, checkCounterAdd } from "@uplink/core";
import type { Database } from "../../database/database.js";
import { GroupCommit } from "./group-commit.js";
import { addCounters, selectCounters } from "./sql/counters.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import { withStorage } from "./storage-errors.js";

/** One add waiting for its statement. */
interface Add {
  readonly name: string;
  readonly n: number;
}

/**
 * Core's {@link Counters} on PostgreSQL or PGlite: one row per name in `counters`, shared by
 * every process on the database and kept across restarts. Adds made while a statement runs are
 * summed per name into the next one, so that a hot counter costs one statement per commit,
 * not one per add; each add settles once the statement holding it has committed.
 *
 * @example
 * const counters = new KnexCounters(db);
 * await counters.add("rejectedSubmissions");
 * await counters.read(); // { rejectedSubmissions: 1 }
 */
export class KnexCounters implements Counters {
  private readonly runner: Runner;
  private readonly adds: GroupCommit<Add, undefined>;

  constructor(db: Database) {
    this.runner = createRunner(db.knex, db.kind);
    let sequence = 0;
    this.adds = new GroupCommit((batch) => withStorage(() => this.flush(batch)), {
      maxBatch: 10_000,
      maxInFlight: 1,
      // Every add is its own key: adds to one counter may share a statement, where they are summed.
      keyOf: () => String(++sequence),
    });
  }

  add(name: string, n = 1): Promise<void> {
    try {
      checkCounterAdd(name, n);
    } catch (error) {
      return Promise.reject(error);
    }
    return n === 0 ? Promise.resolve() : this.adds.submit({ name, n });
  }

  read(): Promise<CounterValues> {
    return withStorage(() => selectCounters(this.runner));
  }

  private async flush(batch: readonly Add[]): Promise<undefined[]> {
    const sums = new Map<string, number>();
    for (const { name, n } of batch) sums.set(name, (sums.get(name) ?? 0) + n);
    await addCounters(this.runner, sums);
    return batch.map(() => undefined);
  }
}
