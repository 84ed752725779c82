import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirectoryLockedError, lockDataDirectory } from "../../src/database/data-directory-lock.js";
import { deadPid, type Fixture, spawnFixture } from "./fixtures/spawn-fixture.js";

describe("lockDataDirectory", () => {
  let dir: string;
  const fixtures: Fixture[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "uplink-lock-"));
  });

  afterEach(async () => {
    await Promise.all(fixtures.splice(0).map((f) => f.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  const lockFile = () => join(dir, "uplink.lock");

  it("writes our pid and removes the file on release", async () => {
    const lock = await lockDataDirectory(dir);
    expect((await readFile(lockFile(), "utf8")).trim()).toBe(String(process.pid));
    lock.release();
    await expect(stat(lockFile())).rejects.toMatchObject({ code: "ENOENT" });
    lock.release();
    const again = await lockDataDirectory(dir);
    again.release();
  });

  it("refuses a second lock in the same process", async () => {
    const lock = await lockDataDirectory(dir);
    await expect(lockDataDirectory(dir)).rejects.toBeInstanceOf(DataDirectoryLockedError);
    lock.release();
  });

  it("refuses us while another live process holds it, naming that process", async () => {
    const holder = await spawnFixture("lock", dir);
    fixtures.push(holder);
    expect(holder.line).toBe("held");
    const attempt = lockDataDirectory(dir);
    await expect(attempt).rejects.toBeInstanceOf(DataDirectoryLockedError);
    await expect(lockDataDirectory(dir)).rejects.toMatchObject({ pid: holder.child.pid });
    expect((await readFile(lockFile(), "utf8")).trim()).toBe(String(holder.child.pid));
  });

  it("refuses another process while we hold it", async () => {
    const lock = await lockDataDirectory(dir);
    const other = await spawnFixture("lock", dir);
    expect(other.line).toMatch(/^DataDirectoryLockedError: .*in use by process \d+/);
    expect(await other.stop()).toBe(1);
    expect((await readFile(lockFile(), "utf8")).trim()).toBe(String(process.pid));
    lock.release();
  });

  it("takes over a lock left by a dead process", async () => {
    await writeFile(lockFile(), `${await deadPid()}\n`);
    const lock = await lockDataDirectory(dir);
    expect((await readFile(lockFile(), "utf8")).trim()).toBe(String(process.pid));
    lock.release();
  });

  it("takes over a lock naming our own pid that we do not hold (a restarted container)", async () => {
    await writeFile(lockFile(), `${process.pid}\n`);
    const lock = await lockDataDirectory(dir);
    expect(await lockDataDirectory(dir).catch((e: unknown) => e)).toBeInstanceOf(DataDirectoryLockedError);
    lock.release();
  });

  it("lets exactly one of several processes take over the same stale lock", async () => {
    await writeFile(lockFile(), `${await deadPid()}\n`);
    const contenders = await Promise.all(Array.from({ length: 4 }, () => spawnFixture("lock", dir)));
    fixtures.push(...contenders);
    const winners = contenders.filter((c) => c.line === "held");
    expect(winners).toHaveLength(1);
    for (const loser of contenders.filter((c) => c.line !== "held")) {
      expect(loser.line).toMatch(/^DataDirectoryLockedError/);
    }
    expect((await readFile(lockFile(), "utf8")).trim()).toBe(String(winners[0]?.child.pid));
  });
});
