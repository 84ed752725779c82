import {
  type Clock,
  isUserRole,
  type StoredUser,
  USER_NAME_PATTERN,
  USER_ROLES,
  type User,
  type UserRole,
  type UserStore,
  ValidationError,
} from "@uplink/core";
import { UserExistsError, UserNotFoundError } from "./account-errors.js";
import { digest, hashPassword, newSecret, sameDigest, verifyPassword } from "./secrets.js";

/** How long a console session holds after sign-in (12 h: one working shift, then sign in again). */
export const SESSION_LIFETIME_MS = 12 * 3_600_000;

/**
 * How long a token's user is remembered by a process (1 s): a submission then costs no read of
 * the users table, and a revocation made by another process takes effect within this time
 * (at once in the process that made it).
 */
export const TOKEN_CACHE_MS = 1_000;
const TOKEN_CACHE_MAX = 1_000;

/** Shortest password accepted (a token, 43 characters, is always longer). */
export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 1_024;

/** A user with the token just made for it: the only time the token exists outside its holder. */
export interface NewUser {
  readonly user: User;
  readonly token: string;
}

/** A session just opened: its cookie's id (never stored) and when it ends. */
export interface OpenedSession {
  readonly id: string;
  readonly expiresAt: number;
}

function publicUser(user: StoredUser): User {
  return { name: user.name, role: user.role, createdAt: user.createdAt };
}

function checkName(name: unknown): asserts name is string {
  if (typeof name !== "string" || !USER_NAME_PATTERN.test(name)) {
    throw new ValidationError("name", `must match ${USER_NAME_PATTERN.source}`, "pattern");
  }
}

function checkRole(role: unknown): asserts role is UserRole {
  if (!isUserRole(role)) throw new ValidationError("role", `must be one of ${USER_ROLES.join(", ")}`, "enum");
}

function checkPassword(password: unknown): asserts password is string {
  if (
    typeof password !== "string" ||
    password.length < MIN_PASSWORD_LENGTH ||
    password.length > MAX_PASSWORD_LENGTH
  ) {
    throw new ValidationError(
      "password",
      `must be a string of ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
      "length",
    );
  }
}

/**
 * Users, their tokens and passwords, and console sessions (SPEC §10), over a {@link UserStore}.
 * Secrets leave it only once, when made; what is stored are their hashes (`secrets.ts`).
 *
 * @example
 * const accounts = new UserAccounts(new InMemoryUserStore(), new SystemClock());
 * const { token } = await accounts.add("ada", "operator");
 * (await accounts.authenticateToken(token))?.role; // "operator"
 */
export class UserAccounts {
  private readonly tokens = new Map<string, { readonly user: User; readonly until: number }>();
  private decoy: Promise<string> | null = null;

  constructor(
    private readonly store: UserStore,
    private readonly clock: Clock,
    private readonly tokenCacheMs = TOKEN_CACHE_MS,
  ) {}

  /** Makes a user with a new token (and a password when given); refuses a taken name. */
  async add(name: unknown, role: unknown, password?: unknown): Promise<NewUser> {
    checkName(name);
    checkRole(role);
    if (password !== undefined) checkPassword(password);
    const token = newSecret();
    const stored: StoredUser = {
      name,
      role,
      tokenHash: digest(token),
      passwordHash: password === undefined ? null : await hashPassword(password),
      createdAt: this.clock.now(),
    };
    if (!(await this.store.add(stored))) throw new UserExistsError(name);
    return { user: publicUser(stored), token };
  }

  /**
   * Makes or updates user `name` with `role` and `token` (UPLINK_ADMIN_TOKEN,
   * UPLINK_DOWNLINK_TOKEN), keeping its password; answers whether it was new.
   */
  async ensure(name: string, role: UserRole, token: string): Promise<boolean> {
    const existing = await this.store.get(name);
    this.tokens.clear();
    await this.store.put({
      name,
      role,
      tokenHash: digest(token),
      passwordHash: existing?.passwordHash ?? null,
      createdAt: existing?.createdAt ?? this.clock.now(),
    });
    return existing === null;
  }

  /**
   * On a database without users, makes `admin` with a random password and token and answers
   * both (to be shown once); null when there are users already.
   */
  async firstAdmin(): Promise<{ readonly password: string; readonly token: string } | null> {
    if ((await this.store.list()).length > 0) return null;
    const password = newSecret();
    try {
      const { token } = await this.add("admin", "admin", password);
      return { password, token };
    } catch (error) {
      // Another process made it first.
      if (error instanceof UserExistsError) return null;
      throw error;
    }
  }

  /** Removes the user: its token and sessions stop working at once. */
  async revoke(name: string): Promise<void> {
    this.tokens.clear();
    if (!(await this.store.remove(name))) throw new UserNotFoundError(name);
  }

  /** Every user, by name, without secrets. */
  async list(): Promise<readonly User[]> {
    return (await this.store.list()).map(publicUser);
  }

  /** The user holding `token`, or null. */
  async authenticateToken(token: string): Promise<User | null> {
    const hash = digest(token);
    const now = this.clock.now();
    const cached = this.tokens.get(hash);
    if (cached !== undefined && cached.until > now) return cached.user;
    const stored = await this.store.findByTokenHash(hash);
    const user = stored === null ? null : publicUser(stored);
    // Only known tokens are kept: unknown ones must not fill the memory.
    if (user !== null && this.tokenCacheMs > 0) {
      if (this.tokens.size >= TOKEN_CACHE_MAX) this.tokens.clear();
      this.tokens.set(hash, { user, until: now + this.tokenCacheMs });
    }
    return user;
  }

  /**
   * The user `name` if `password` is its password or its token, else null. Every attempt costs
   * one scrypt, for unknown names too, so that the time taken does not tell which names exist.
   */
  async signIn(name: string, password: string): Promise<User | null> {
    const user = await this.store.get(name);
    const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash()));
    if (user === null) return null;
    if (sameDigest(digest(password), user.tokenHash)) return publicUser(user);
    return passwordOk && user.passwordHash !== null ? publicUser(user) : null;
  }

  /** A hash no password matches, to verify against when there is nothing to verify. */
  private decoyHash(): Promise<string> {
    this.decoy ??= hashPassword(newSecret());
    return this.decoy;
  }

  /** Opens a console session for `user`. */
  async openSession(user: User): Promise<OpenedSession> {
    const id = newSecret();
    const expiresAt = this.clock.now() + SESSION_LIFETIME_MS;
    await this.store.openSession({ idHash: digest(id), name: user.name, expiresAt });
    return { id, expiresAt };
  }

  /** The user of a session that still holds (with its current role), or null. */
  async resumeSession(id: string): Promise<User | null> {
    const session = await this.store.findSession(digest(id));
    if (session === null) return null;
    if (session.expiresAt <= this.clock.now()) {
      await this.store.closeSession(session.idHash);
      return null;
    }
    const user = await this.store.get(session.name);
    return user === null ? null : publicUser(user);
  }

  async closeSession(id: string): Promise<void> {
    await this.store.closeSession(digest(id));
  }
}
