#!/usr/bin/env node
import "reflect-metadata";
import { ConfigError, UplinkError } from "@uplink/core";
import { runUsersCommand } from "./auth/users-command.js";
import { startUplink } from "./composition-root.js";
import { loadConfig, type UplinkConfig } from "./config.js";
import { createDatabase } from "./database/create-database.js";
import { DataDirectoryLockedError } from "./database/data-directory-lock.js";
import { migrate } from "./database/migrate.js";
import { createLogger } from "./logging/logger.js";

const USAGE = `usage:
  uplink serve [--role api|sender|spacecraft|all] [options]   run Uplink (default: everything in one process)
  uplink migrate [options]                                    apply database migrations, then exit
  uplink spacecraft [--port N] [--downlink URL] [options]     run the simulated spacecraft as an HTTP service
  uplink users add NAME --role ROLE [--password-stdin]        make a user and print its token once
  uplink users list | revoke NAME                             list the users; revoke one

options (each also read from its environment variable, see the README):
  --port, --host, --database-url, --data-dir, --transmit-delay-max-ms, --ack-delay-max-ms,
  --exec-delay-max-ms, --ack-timeout-ms, --exec-timeout-ms, --failure-rate, --contacts, --stations,
  --seed, --spacecraft-url, --link-timeout-ms, --downlink-gap-timeout-ms, --lease-ms, --log-level`;

/** Exit codes: 0 done, 1 failed while running, 2 refused at start (configuration, usage). */
const EXIT_FAILED = 1;
const EXIT_REFUSED = 2;

/** Stops the process with one line on standard error. */
function refuse(message: string, code = EXIT_REFUSED): never {
  process.stderr.write(`uplink: ${message}\n`);
  process.exit(code);
}

async function serve(config: UplinkConfig): Promise<void> {
  if ((config.role === "api" || config.role === "sender") && config.databaseUrl === null) {
    refuse(
      `--role ${config.role} needs DATABASE_URL: the embedded database serves one process ` +
        "(run --role all, or set DATABASE_URL=postgres://… to split Uplink into services)",
    );
  }
  const logger = createLogger({ level: config.logLevel, base: { role: config.role } });
  const running = await startUplink(config, { logger });
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) refuse(`${signal} again: stopping without draining`, EXIT_FAILED);
    logger.info(`${signal}: draining, then exiting`);
    running.stop().then(
      () => logger.flush(() => process.exit(0)),
      (error: unknown) => refuse(`stopping failed: ${describe(error)}`, EXIT_FAILED),
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

async function runMigrations(config: UplinkConfig): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  const db = await createDatabase(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl, schema: config.databaseSchema }
      : { dataDir: config.dataDir },
  );
  try {
    const applied = await migrate(db.knex);
    logger.info(
      { applied },
      applied.length === 0 ? "the database is up to date" : `applied ${applied.join(", ")}`,
    );
  } finally {
    await db.close();
  }
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
}

async function users(args: readonly string[]): Promise<void> {
  try {
    await runUsersCommand(args, process.env, {
      out: (text) => process.stdout.write(text),
      readStdin: async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString("utf8");
      },
    });
  } catch (error) {
    if (error instanceof UplinkError || error instanceof DataDirectoryLockedError) refuse(error.message);
    refuse(describe(error), EXIT_FAILED);
  }
}

/** The spacecraft service's port when none is given, so that it can run beside a ground on 8080. */
const SPACECRAFT_PORT = 9100;

function isSpacecraft(command: string, args: readonly string[]): boolean {
  if (command === "spacecraft") return true;
  const at = args.indexOf("--role");
  return args.includes("--role=spacecraft") || (at >= 0 && args[at + 1] === "spacecraft");
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
}

/**
 * The `uplink` command line: `serve`, `migrate` and `spacecraft`. A bad setting stops it with
 * one line naming the variable and what it accepts (exit 2).
 *
 * @example
 * // uplink serve --role sender      (with DATABASE_URL=postgres://… set)
 * await main(["serve", "--role", "sender"]);
 */
export async function main(argv: readonly string[]): Promise<void> {
  const [command = "serve", ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === "users") return users(rest);
  if (!["serve", "migrate", "spacecraft"].includes(command)) refuse(`unknown command ${command}\n${USAGE}`);
  let config: UplinkConfig;
  try {
    config = loadConfig(
      rest,
      isSpacecraft(command, rest) ? { PORT: String(SPACECRAFT_PORT), ...process.env } : process.env,
    );
    if (command === "spacecraft") config = { ...config, role: "spacecraft" };
  } catch (error) {
    if (error instanceof ConfigError) refuse(error.message);
    throw error;
  }
  try {
    if (command === "migrate") await runMigrations(config);
    else await serve(config);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirectoryLockedError) refuse(error.message);
    refuse(describe(error), EXIT_FAILED);
  }
}

await main(process.argv.slice(2));
