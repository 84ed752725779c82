import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";

/** Another live process holds the embedded database's data directory. */
export class DataDirectoryLockedError extends Error {
  readonly code = "data_directory_locked";
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the data directory ${dataDir} is in use by process ${pid}; the embedded database serves one process ` +
        "(stop it, use another UPLINK_DATA_DIR, or set DATABASE_URL to share PostgreSQL)",
    );
    this.name = "DataDirectoryLockedError";
  }
}

/** A held lock on a data directory. */
export interface DataDirectoryLock {
  readonly path: string;
  /** Gives the lock back (idempotent). */
  release(): void;
}

const LOCK_FILE = "uplink.lock";
const TAKEOVER_ATTEMPTS = 50;

// Locks this process holds: a lock file naming our own pid is ours only if it is in here;
// otherwise it was left by an earlier process that had the same pid (common in containers).
const held = new Set<string>();

/**
 * Takes the single-process lock on an embedded data directory: a lock file created exclusively
 * (O_EXCL) holding our pid. A lock whose pid is alive refuses us with
 * {@link DataDirectoryLockedError}; one left by a dead process is taken over, through a second
 * exclusive file so that two processes taking over the same stale lock cannot both win.
 * The lock is given back on `release()` and when the process exits.
 *
 * @example
 * const lock = await lockDataDirectory("./.uplink");
 * try { ... } finally { lock.release(); }
 */
export async function lockDataDirectory(dataDir: string): Promise<DataDirectoryLock> {
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  if (held.has(path)) throw new DataDirectoryLockedError(dir, process.pid);
  for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
    if (createExclusive(path)) return holdLock(path);
    const owner = readPid(path);
    if (owner !== null && isAlive(owner)) throw new DataDirectoryLockedError(dir, owner);
    if (owner === null && !isOldEnough(path)) {
      // Created but not yet written by a process starting right now: look again shortly.
      await pause(20);
      continue;
    }
    if (await takeOver(path, owner)) return holdLock(path);
    await pause(20);
  }
  const owner = readPid(path);
  throw new DataDirectoryLockedError(dir, owner ?? -1);
}

function holdLock(path: string): DataDirectoryLock {
  held.add(path);
  const onExit = () => removeIfOurs(path);
  process.once("exit", onExit);
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      process.removeListener("exit", onExit);
      removeIfOurs(path);
      held.delete(path);
    },
  };
}

/** Replaces a stale lock while holding `<lock>.takeover`; false when someone else is at it. */
async function takeOver(path: string, stalePid: number | null): Promise<boolean> {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard)) {
    const other = readPid(guard);
    if ((other === null || !isAlive(other)) && isOldEnough(guard)) unlinkQuietly(guard);
    return false;
  }
  try {
    // Re-read under the guard: another process may have finished a takeover meanwhile.
    const now = readPid(path);
    if (now !== null && now !== stalePid && isAlive(now)) return false;
    unlinkQuietly(path);
    return createExclusive(path);
  } finally {
    unlinkQuietly(guard);
  }
}

function createExclusive(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readPid(path: string): number | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  // Our own pid in a lock we do not hold (checked first) was written by an earlier process.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isOldEnough(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > 1_000;
  } catch {
    return true;
  }
}

function removeIfOurs(path: string): void {
  if (readPid(path) === process.pid) unlinkQuietly(path);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
