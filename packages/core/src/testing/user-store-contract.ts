import { describe, expect, it } from "vitest";
import type { StoredUser } from "../access/user.js";
import type { UserStore } from "../ports/user-store.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";

/** One test's empty user store, and how to dispose of it. */
export interface UserStoreUnderTest extends ContractSubject {
  readonly store: UserStore;
  /** Another adapter over the same storage (another process); the same instance in memory. */
  readonly peer: UserStore;
}

export type UserStoreFactory = () => Promise<UserStoreUnderTest> | UserStoreUnderTest;

function user(name: string, overrides: Partial<StoredUser> = {}): StoredUser {
  return {
    name,
    role: "operator",
    tokenHash: `token-of-${name}`,
    passwordHash: null,
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}

/**
 * The contract every {@link UserStore} adapter must pass (vitest): users added once, found by
 * name and token hash (also by a peer), replaced by `put` keeping their creation time, listed
 * by name, removed with their sessions; sessions opened, found and closed.
 *
 * @example
 * runUserStoreContract("InMemoryUserStore", () => { const s = new InMemoryUserStore(); return { store: s, peer: s }; });
 */
export function runUserStoreContract(name: string, make: UserStoreFactory, hooks: ContractHooks = {}): void {
  describe(`${name} (UserStore contract)`, () => {
    const subject = useContractSubject(make, hooks);

    it("adds a user once and finds it by name and by token hash, also from a peer", async () => {
      const { store, peer } = subject();
      expect(await store.add(user("ada", { passwordHash: "scrypt$x" }))).toBe(true);
      expect(await store.add(user("ada", { tokenHash: "other" }))).toBe(false);
      expect(await peer.get("ada")).toEqual(user("ada", { passwordHash: "scrypt$x" }));
      expect((await peer.findByTokenHash("token-of-ada"))?.name).toBe("ada");
      expect(await store.findByTokenHash("other")).toBeNull();
      expect(await store.get("Ada")).toBeNull();
    });

    it("replaces a user's role and secrets with put, keeping when it was created", async () => {
      const { store } = subject();
      await store.put(user("admin", { role: "admin" }));
      await store.put(user("admin", { role: "admin", tokenHash: "new", createdAt: 1_800_000_000_000 }));
      expect(await store.get("admin")).toEqual(user("admin", { role: "admin", tokenHash: "new" }));
      expect(await store.findByTokenHash("token-of-admin")).toBeNull();
    });

    it("lists users by name and removes one with its sessions", async () => {
      const { store, peer } = subject();
      for (const n of ["carol", "ada", "bob"]) await store.add(user(n));
      expect((await store.list()).map((u) => u.name)).toEqual(["ada", "bob", "carol"]);
      await store.openSession({ idHash: "s1", name: "bob", expiresAt: 1_700_000_100_000 });
      expect(await peer.findSession("s1")).toEqual({
        idHash: "s1",
        name: "bob",
        expiresAt: 1_700_000_100_000,
      });
      expect(await store.remove("bob")).toBe(true);
      expect(await store.remove("bob")).toBe(false);
      expect(await peer.findSession("s1")).toBeNull();
      expect(await store.findByTokenHash("token-of-bob")).toBeNull();
      expect((await store.list()).map((u) => u.name)).toEqual(["ada", "carol"]);
    });

    it("closes a session", async () => {
      const { store } = subject();
      await store.add(user("ada"));
      await store.openSession({ idHash: "s1", name: "ada", expiresAt: 1 });
      await store.openSession({ idHash: "s2", name: "ada", expiresAt: 2 });
      await store.closeSession("s1");
      expect(await store.findSession("s1")).toBeNull();
      expect((await store.findSession("s2"))?.expiresAt).toBe(2);
    });
  });
}
