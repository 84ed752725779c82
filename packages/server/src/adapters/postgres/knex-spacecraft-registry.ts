import type { Instant, Spacecraft, SpacecraftChanges, SpacecraftRegistry } from "@uplink/core";
import type { Database } from "../../database/database.js";
import { GroupCommit } from "./group-commit.js";
import {
  deleteSpacecraft,
  insertSpacecraft,
  noteFrames,
  selectFleet,
  selectSpacecraft,
  selectSpacecraftIn,
  updateSpacecraft,
} from "./sql/spacecraft.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import { withStorage } from "./storage-errors.js";

/**
 * Core's {@link SpacecraftRegistry} on PostgreSQL or PGlite: one row per spacecraft in
 * `spacecraft`, shared by every process on the database. Reads of single spacecraft made while
 * the database is busy (every submission asks whether its spacecraft is registered) share one
 * statement.
 *
 * @example
 * const registry = new KnexSpacecraftRegistry(db);
 * await registry.add(newSpacecraft("sat-7", Date.now()));
 */
export class KnexSpacecraftRegistry implements SpacecraftRegistry {
  private readonly runner: Runner;
  private readonly reads: GroupCommit<string, Spacecraft | null>;

  constructor(db: Database) {
    this.runner = createRunner(db.knex, db.kind);
    let sequence = 0;
    this.reads = new GroupCommit((ids) => withStorage(() => this.readMany(ids)), {
      maxBatch: 1_000,
      maxInFlight: 4,
      // Every read is its own key: reads of one id may share a statement.
      keyOf: () => String(++sequence),
    });
  }

  add(spacecraft: Spacecraft): Promise<boolean> {
    return withStorage(() => insertSpacecraft(this.runner, spacecraft));
  }

  get(id: string): Promise<Spacecraft | null> {
    return this.reads.submit(id);
  }

  list(): Promise<Spacecraft[]> {
    return withStorage(() => selectFleet(this.runner));
  }

  update(id: string, changes: SpacecraftChanges): Promise<Spacecraft | null> {
    return withStorage(() => updateSpacecraft(this.runner, id, changes));
  }

  remove(id: string): Promise<boolean> {
    return withStorage(() => deleteSpacecraft(this.runner, id));
  }

  noteFrames(ids: readonly string[], at: Instant): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return Promise.resolve([]);
    return withStorage(async () => {
      const known = new Set(await noteFrames(this.runner, unique, at));
      return unique.filter((id) => known.has(id));
    });
  }

  private async readMany(ids: readonly string[]): Promise<(Spacecraft | null)[]> {
    if (ids.length === 1) return [await selectSpacecraft(this.runner, ids[0] as string)];
    const found = new Map((await selectSpacecraftIn(this.runner, [...new Set(ids)])).map((s) => [s.id, s]));
    return ids.map((id) => found.get(id) ?? null);
  }
}
