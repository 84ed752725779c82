import type { StoredSession, StoredUser } from "../access/user.js";
import type { UserStore } from "../ports/user-store.js";

/**
 * Core's in-memory {@link UserStore}: answers at once, for tests and embedding programs.
 *
 * @example
 * const users = new InMemoryUserStore();
 */
export class InMemoryUserStore implements UserStore {
  private readonly users = new Map<string, StoredUser>();
  private readonly sessions = new Map<string, StoredSession>();

  add(user: StoredUser): boolean {
    if (this.users.has(user.name) || this.findByTokenHash(user.tokenHash)) return false;
    this.users.set(user.name, { ...user });
    return true;
  }

  put(user: StoredUser): void {
    const existing = this.users.get(user.name);
    const holder = this.findByTokenHash(user.tokenHash);
    if (holder && holder.name !== user.name) throw new Error(`token hash already belongs to ${holder.name}`);
    this.users.set(user.name, { ...user, createdAt: existing?.createdAt ?? user.createdAt });
  }

  get(name: string): StoredUser | null {
    return this.users.get(name) ?? null;
  }

  findByTokenHash(tokenHash: string): StoredUser | null {
    for (const user of this.users.values()) if (user.tokenHash === tokenHash) return user;
    return null;
  }

  list(): readonly StoredUser[] {
    return [...this.users.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  remove(name: string): boolean {
    for (const [idHash, session] of this.sessions) if (session.name === name) this.sessions.delete(idHash);
    return this.users.delete(name);
  }

  openSession(session: StoredSession): void {
    if (!this.users.has(session.name)) throw new Error(`no user ${session.name}`);
    this.sessions.set(session.idHash, { ...session });
  }

  findSession(idHash: string): StoredSession | null {
    return this.sessions.get(idHash) ?? null;
  }

  closeSession(idHash: string): void {
    this.sessions.delete(idHash);
  }
}
