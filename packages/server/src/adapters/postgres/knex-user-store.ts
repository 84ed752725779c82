import type { StoredSession, StoredUser, UserStore } from "@uplink/core";
import type { Database } from "../../database/database.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import {
  deleteSession,
  deleteUser,
  insertSession,
  insertUser,
  selectSession,
  selectUserBy,
  selectUsers,
  upsertUser,
} from "./sql/users.js";
import { withStorage } from "./storage-errors.js";

/**
 * Core's {@link UserStore} on PostgreSQL or PGlite: `users` and `user_sessions`, shared by every
 * process on the database.
 *
 * @example
 * const users = new KnexUserStore(db);
 */
export class KnexUserStore implements UserStore {
  private readonly runner: Runner;

  constructor(db: Database) {
    this.runner = createRunner(db.knex, db.kind);
  }

  add(user: StoredUser): Promise<boolean> {
    return withStorage(() => insertUser(this.runner, user));
  }

  put(user: StoredUser): Promise<void> {
    return withStorage(() => upsertUser(this.runner, user));
  }

  get(name: string): Promise<StoredUser | null> {
    return withStorage(() => selectUserBy(this.runner, "name", name));
  }

  findByTokenHash(tokenHash: string): Promise<StoredUser | null> {
    return withStorage(() => selectUserBy(this.runner, "token_hash", tokenHash));
  }

  list(): Promise<readonly StoredUser[]> {
    return withStorage(() => selectUsers(this.runner));
  }

  remove(name: string): Promise<boolean> {
    return withStorage(() => deleteUser(this.runner, name));
  }

  openSession(session: StoredSession): Promise<void> {
    return withStorage(() => insertSession(this.runner, session));
  }

  findSession(idHash: string): Promise<StoredSession | null> {
    return withStorage(() => selectSession(this.runner, idHash));
  }

  closeSession(idHash: string): Promise<void> {
    return withStorage(() => deleteSession(this.runner, idHash));
  }
}
