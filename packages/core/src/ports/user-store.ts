import type { StoredSession, StoredUser } from "../access/user.js";
import type { Awaitable } from "../awaitable.js";

/**
 * The users and their console sessions (SPEC §10), shared by every process on the database.
 * Every method is atomic. A token hash belongs to one user at most.
 *
 * @example
 * await store.add({ name: "ada", role: "operator", tokenHash, passwordHash: null, createdAt });
 * (await store.findByTokenHash(tokenHash))?.name; // "ada"
 */
export interface UserStore {
  /** Adds the user unless its name is taken; answers whether it was added. */
  add(user: StoredUser): Awaitable<boolean>;
  /** Adds the user, or replaces the role and secrets of the one of that name (keeping its `createdAt`). */
  put(user: StoredUser): Awaitable<void>;
  get(name: string): Awaitable<StoredUser | null>;
  findByTokenHash(tokenHash: string): Awaitable<StoredUser | null>;
  /** Every user, by name. */
  list(): Awaitable<readonly StoredUser[]>;
  /** Removes the user and its sessions; answers whether it existed. */
  remove(name: string): Awaitable<boolean>;
  /** Stores a session of an existing user. */
  openSession(session: StoredSession): Awaitable<void>;
  /** The session with that id hash, expired or not; null once closed or its user removed. */
  findSession(idHash: string): Awaitable<StoredSession | null>;
  closeSession(idHash: string): Awaitable<void>;
}

export const USER_STORE = Symbol.for("uplink.UserStore");
