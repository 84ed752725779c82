import { InMemoryUserStore, ManualClock, ValidationError } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { UserExistsError, UserNotFoundError } from "../../src/auth/account-errors.js";
import { digest, hashPassword, verifyPassword } from "../../src/auth/secrets.js";
import { SESSION_LIFETIME_MS, UserAccounts } from "../../src/auth/user-accounts.js";

const T0 = Date.parse("2030-01-01T00:00:00Z");

function accounts(tokenCacheMs = 0) {
  const store = new InMemoryUserStore();
  const clock = new ManualClock(T0);
  return { store, clock, accounts: new UserAccounts(store, clock, tokenCacheMs) };
}

describe("secrets", () => {
  it("hashes passwords with a salted scrypt that verifies only the same password", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct horsf", a)).toBe(false);
    expect(await verifyPassword("correct horse", "plain")).toBe(false);
  });

  it("digests tokens with SHA-256", () => {
    expect(digest("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("UserAccounts", () => {
  it("stores only hashes: neither the token nor the password", async () => {
    const { store, accounts: a } = accounts();
    const { token, user } = await a.add("ada", "operator", "correct horse");
    expect(user).toEqual({ name: "ada", role: "operator", createdAt: T0 });
    const stored = JSON.stringify(store.list());
    expect(stored).not.toContain(token);
    expect(stored).not.toContain("correct horse");
    expect((await a.authenticateToken(token))?.name).toBe("ada");
    expect(await a.authenticateToken(`${token}x`)).toBeNull();
  });

  it("signs in with the password or the token, never with anything else", async () => {
    const { accounts: a } = accounts();
    const { token } = await a.add("ada", "viewer", "correct horse");
    expect((await a.signIn("ada", "correct horse"))?.role).toBe("viewer");
    expect((await a.signIn("ada", token))?.role).toBe("viewer");
    expect(await a.signIn("ada", "wrong")).toBeNull();
    expect(await a.signIn("bob", "correct horse")).toBeNull();
    const { token: bobs } = await a.add("bob", "viewer");
    expect(await a.signIn("bob", "")).toBeNull();
    expect(await a.signIn("ada", bobs)).toBeNull();
  });

  it("refuses bad names, roles and passwords, and taken names", async () => {
    const { accounts: a } = accounts();
    await expect(a.add("1ada", "viewer")).rejects.toMatchObject({ field: "name" });
    await expect(a.add("ada", "root")).rejects.toBeInstanceOf(ValidationError);
    await expect(a.add("ada", "viewer", "short")).rejects.toMatchObject({ field: "password" });
    await a.add("ada", "viewer");
    await expect(a.add("ada", "admin")).rejects.toBeInstanceOf(UserExistsError);
    await expect(a.revoke("nobody")).rejects.toBeInstanceOf(UserNotFoundError);
  });

  it("makes or updates a user with a given token, keeping its password and creation time", async () => {
    const { clock, accounts: a } = accounts();
    const first = "first-token-of-thirty-two-characters";
    const second = "second-token-of-thirty-two-characters";
    expect(await a.ensure("admin", "admin", first)).toBe(true);
    clock.advance(1_000);
    expect(await a.ensure("admin", "admin", second)).toBe(false);
    expect(await a.authenticateToken(first)).toBeNull();
    expect(await a.authenticateToken(second)).toEqual({ name: "admin", role: "admin", createdAt: T0 });
  });

  it("makes the first admin only on a database without users", async () => {
    const { accounts: a } = accounts();
    const first = await a.firstAdmin();
    expect(first).not.toBeNull();
    expect((await a.signIn("admin", first?.password as string))?.role).toBe("admin");
    expect((await a.authenticateToken(first?.token as string))?.role).toBe("admin");
    expect(await a.firstAdmin()).toBeNull();
  });

  it("ends a session after its lifetime, when closed, and when its user is revoked", async () => {
    const { clock, accounts: a } = accounts();
    const { user } = await a.add("ada", "operator");
    const s1 = await a.openSession(user);
    expect(s1.expiresAt).toBe(T0 + SESSION_LIFETIME_MS);
    clock.advance(SESSION_LIFETIME_MS - 1);
    expect((await a.resumeSession(s1.id))?.name).toBe("ada");
    clock.advance(1);
    expect(await a.resumeSession(s1.id)).toBeNull();
    const s2 = await a.openSession(user);
    await a.closeSession(s2.id);
    expect(await a.resumeSession(s2.id)).toBeNull();
    const s3 = await a.openSession(user);
    await a.revoke("ada");
    expect(await a.resumeSession(s3.id)).toBeNull();
  });

  it("remembers a token's user briefly, but forgets it at once when this process revokes it", async () => {
    const { store, clock, accounts: a } = accounts(1_000);
    const { token } = await a.add("ada", "operator");
    expect((await a.authenticateToken(token))?.name).toBe("ada");
    // Another process removes her: this one keeps her for at most the cache time.
    store.remove("ada");
    expect((await a.authenticateToken(token))?.name).toBe("ada");
    clock.advance(1_000);
    expect(await a.authenticateToken(token)).toBeNull();
    const { token: bobs } = await a.add("bob", "operator");
    expect((await a.authenticateToken(bobs))?.name).toBe("bob");
    await a.revoke("bob");
    expect(await a.authenticateToken(bobs)).toBeNull();
  });
});
