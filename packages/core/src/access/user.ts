import type { UserRole } from "./roles.js";

/** What a user name must match: a letter, then letters, digits, `_`, `.`, `-` (64 at most). */
export const USER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** A user as the API shows it: never its secrets. */
export interface User {
  readonly name: string;
  readonly role: UserRole;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/**
 * A user as stored: secrets only as hashes. The token's hash is a plain digest (tokens are long
 * and random, and a request finds its user by this hash); the password's is a salted,
 * self-describing slow hash. Which hash functions, the server decides.
 */
export interface StoredUser extends User {
  readonly tokenHash: string;
  /** Null: no password of its own (its token is taken as its password). */
  readonly passwordHash: string | null;
}

/** A console session: the hash of its random id, whose it is, and until when it holds. */
export interface StoredSession {
  readonly idHash: string;
  readonly name: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** One change to users, spacecraft, dictionaries, inhibits or queue states (SPEC §10's audit log). */
export interface AuditEntry {
  /** Increasing: a later entry has a higher id. */
  readonly id: number;
  /** Epoch milliseconds. */
  readonly at: number;
  /** The user who made the change. */
  readonly actor: string;
  /** What changed, e.g. `user.add`, `spacecraft.update`, `inhibits.put`. */
  readonly action: string;
  /** What it changed (a user name, spacecraft id, mission), or null. */
  readonly target: string | null;
}
