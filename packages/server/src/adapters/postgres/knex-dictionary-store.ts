import { type DictionaryStore, missionKey, type StoredDictionary } from "@uplink/core";
import type { Database } from "../../database/database.js";
import {
  selectDictionaries,
  selectDictionary,
  selectDictionaryVersion,
  upsertDictionary,
} from "./sql/dictionaries.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import { withStorage } from "./storage-errors.js";

/**
 * Core's {@link DictionaryStore} on PostgreSQL or PGlite: one row per mission in `dictionaries`,
 * shared by every process on the database.
 *
 * @example
 * const store = new KnexDictionaryStore(db);
 */
export class KnexDictionaryStore implements DictionaryStore {
  private readonly runner: Runner;

  constructor(db: Database) {
    this.runner = createRunner(db.knex, db.kind);
  }

  put(entry: StoredDictionary): Promise<void> {
    return withStorage(() => upsertDictionary(this.runner, missionKey(entry.mission), entry));
  }

  get(mission: string): Promise<StoredDictionary | null> {
    return withStorage(() => selectDictionary(this.runner, missionKey(mission)));
  }

  versionOf(mission: string): Promise<string | null> {
    return withStorage(() => selectDictionaryVersion(this.runner, missionKey(mission)));
  }

  list(): Promise<StoredDictionary[]> {
    return withStorage(() => selectDictionaries(this.runner));
  }
}
