import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";
import { type RunningUplink, type StartOptions, startUplink } from "../../src/composition-root.js";
import { loadConfig, type UplinkConfig } from "../../src/config.js";
import {
  migratedImage,
  openTestDatabase,
  POSTGRES_TEST_URL,
  postgresAvailable,
  type TestDatabase,
} from "./database.js";
import { bearer, TEST_TOKENS } from "./tokens.js";

/** The server package's folder, and the CLI's entry point. */
export const SERVER_DIR = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = join(SERVER_DIR, "src", "cli.ts");

/**
 * `describe` for suites that need PostgreSQL: skipped with a console line when it is
 * unreachable, never skipped (so failing) when `CI` is set.
 */
export function describePostgres(name: string, body: () => void): void {
  const skip = !postgresAvailable && !process.env.CI;
  if (skip)
    console.warn(`[uplink tests] PostgreSQL is unreachable at ${POSTGRES_TEST_URL}: skipping "${name}"`);
  (skip ? describe.skip : describe)(name, body);
}

/**
 * Settings every test server starts with: any free port, quiet logs, every delay 0, and the
 * test tokens of users `admin` and `downlink` (SPEC §10).
 */
export const FAST_ENV: Readonly<Record<string, string>> = {
  PORT: "0",
  UPLINK_ADMIN_TOKEN: TEST_TOKENS.admin,
  UPLINK_DOWNLINK_TOKEN: TEST_TOKENS.downlink,
  LOG_LEVEL: "silent",
  UPLINK_TRANSMIT_DELAY_MAX_MS: "0",
  UPLINK_ACK_DELAY_MAX_MS: "0",
  UPLINK_EXEC_DELAY_MAX_MS: "0",
  // No housekeeping unless a test asks: frames every 10 s would move health under other tests.
  UPLINK_HK_INTERVAL_MS: "0",
};

/** A fresh PostgreSQL schema, migrated, and the `DATABASE_URL` that selects it. */
export interface TestSchema {
  readonly databaseUrl: string;
  readonly database: TestDatabase;
  dispose(): Promise<void>;
}

/** Creates a fresh, migrated schema on the test PostgreSQL (see `database.ts`). */
export async function freshSchema(): Promise<TestSchema> {
  const database = await openTestDatabase("postgres");
  const url = new URL(POSTGRES_TEST_URL);
  url.searchParams.set("schema", database.db.schema);
  return { databaseUrl: url.toString(), database, dispose: () => database.dispose() };
}

/** A temporary folder, e.g. for the embedded database; removed by `dispose`. */
export function tempDir(prefix = "uplink-test-"): { readonly path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    dispose: () => rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }),
  };
}

/**
 * Starts Uplink in this process through {@link startUplink}, configured from `env` on top of
 * {@link FAST_ENV} (an in-memory PGlite unless `DATABASE_URL` or `UPLINK_DATA_DIR` is given).
 */
export async function startServer(
  env: Readonly<Record<string, string>> = {},
  argv: readonly string[] = [],
  options: StartOptions = {},
): Promise<RunningUplink & { readonly config: UplinkConfig }> {
  const config = loadConfig(argv, { ...FAST_ENV, ...env });
  const inMemory = env.DATABASE_URL === undefined && env.UPLINK_DATA_DIR === undefined;
  if (!inMemory) return startUplink(config, options);
  return startUplink(config, { inMemoryDatabase: true, inMemoryImage: await migratedImage(), ...options });
}

/** A CLI child process and what it printed. */
export interface ChildUplink {
  readonly process: ChildProcess;
  /** Everything written to standard output and standard error so far. */
  output(): string;
  /** Resolves with the URL of the ready line (null for roles without HTTP); rejects if the process exits first. */
  ready(timeoutMs?: number): Promise<string | null>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** Sends a signal (default SIGTERM). */
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Runs the `uplink` CLI as a child process (`node --conditions=source --import tsx src/cli.ts`)
 * with `env` on top of {@link FAST_ENV} and `LOG_LEVEL=info` (the ready line is read from its
 * JSON logs). The parent's environment is passed on except Uplink's own variables.
 */
export function spawnUplink(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): ChildUplink {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith("UPLINK_") && !["PORT", "HOST", "DATABASE_URL", "LOG_LEVEL"].includes(k),
    ),
  );
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", CLI, ...args], {
    cwd: SERVER_DIR,
    env: { ...inherited, ...FAST_ENV, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return wrapChild(child);
}

/** Children still running, and whether each leads its own process group (killed as a group). */
const living = new Map<ChildProcess, boolean>();

/**
 * Kills (SIGKILL, with their process groups when detached) every child spawned through this
 * module that is still running: call it in `afterAll`, so that a failed test leaves nothing behind.
 */
export async function killChildren(): Promise<void> {
  await Promise.all(
    [...living].map(
      ([child, group]) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          try {
            if (group) process.kill(-(child.pid as number), "SIGKILL");
            else child.kill("SIGKILL");
          } catch {
            resolve();
          }
        }),
    ),
  );
}

/** Wraps a spawned Uplink (the CLI, or `npm start` spawned detached) for tests. */
export function wrapChild(child: ChildProcess, options: { readonly detached?: boolean } = {}): ChildUplink {
  living.set(child, options.detached ?? false);
  child.once("exit", () => living.delete(child));
  let text = "";
  const readyWaiters: ((line: string) => void)[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    if (readyWaiters.length > 0) {
      const line = text.split("\n").find((l) => / ready on /.test(l));
      if (line) for (const resolve of readyWaiters.splice(0)) resolve(line);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    output: () => text,
    exited,
    kill: (signal = "SIGTERM") => {
      child.kill(signal);
    },
    ready(timeoutMs = 90_000) {
      const existing = text.split("\n").find((l) => / ready on /.test(l));
      const line = existing
        ? Promise.resolve(existing)
        : new Promise<string>((resolve) => {
            readyWaiters.push(resolve);
          });
      let timer: NodeJS.Timeout | undefined;
      const failure = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms:\n${text}`)), timeoutMs);
        void exited.then(({ code, signal }) =>
          reject(new Error(`exited (code ${code}, signal ${signal}) before it was ready:\n${text}`)),
        );
      });
      return Promise.race([line, failure])
        .then((readyLine) => readUrl(readyLine))
        .finally(() => clearTimeout(timer));
    },
  };
}

function readUrl(line: string): string | null {
  const json = line.slice(line.indexOf("{"));
  try {
    const record = JSON.parse(json) as { url?: string | null };
    return record.url ?? null;
  } catch {
    return /(http:\/\/[^\s]+?)\/\s/.exec(line)?.[1] ?? null;
  }
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** POSTs JSON as the test admin and returns the status and the parsed body. */
export async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer() },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
