import { parseArgs } from "node:util";
import { ConfigError } from "@uplink/core";
import { SystemClock } from "../adapters/node/system-clock.js";
import { KnexUserStore } from "../adapters/postgres/knex-user-store.js";
import { loadConfig } from "../config.js";
import { createDatabase } from "../database/create-database.js";
import { migrate } from "../database/migrate.js";
import { UserAccounts } from "./user-accounts.js";

/** Where the command reads a password and writes its answers. */
export interface UsersCommandIo {
  readonly out: (text: string) => void;
  readonly readStdin: () => Promise<string>;
}

/** `uplink users …`'s usage. */
export const USERS_USAGE = `usage:
  uplink users add NAME --role viewer|operator|approver|admin|downlink [--password-stdin]
                                      make a user; prints its token once (--password-stdin: also a password)
  uplink users list                   the users and their roles
  uplink users revoke NAME            remove a user: its token and sessions stop working
(with DATABASE_URL, or UPLINK_DATA_DIR for the embedded database while no server holds it)`;

function usage(message: string): ConfigError {
  return new ConfigError("users", USERS_USAGE, `${message}\n${USERS_USAGE}`);
}

/**
 * `uplink users add|list|revoke` (SPEC §10), on the database the configuration names. Throws a
 * {@link ConfigError} for a bad command line (the CLI exits 2), core's errors for refused users.
 *
 * @example
 * await runUsersCommand(["add", "gs-1", "--role", "downlink"], process.env, io);
 */
export async function runUsersCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: UsersCommandIo,
): Promise<void> {
  const [action, ...rest] = argv;
  const own = parseArgs({
    args: rest,
    options: { role: { type: "string" }, "password-stdin": { type: "boolean" } },
    allowPositionals: true,
    strict: false,
  });
  const names = own.positionals.filter((p) => !p.startsWith("-"));
  const forwarded = rest.filter((arg, i) => {
    if (arg === "--role" || arg === "--password-stdin" || arg.startsWith("--role=")) return false;
    if (rest[i - 1] === "--role") return false;
    return !names.includes(arg);
  });
  const config = loadConfig(forwarded, env);
  const run = async (accounts: UserAccounts) => {
    if (action === "add") {
      const [name] = names;
      if (name === undefined || names.length > 1) throw usage("uplink users add takes one NAME");
      if (typeof own.values.role !== "string") throw usage("uplink users add needs --role");
      const password = own.values["password-stdin"]
        ? (await io.readStdin()).replace(/\r?\n$/, "")
        : undefined;
      const { user, token } = await accounts.add(name, own.values.role, password);
      io.out(`user ${user.name} (${user.role}) made. Its token, shown this once:\n${token}\n`);
    } else if (action === "list") {
      for (const user of await accounts.list()) {
        io.out(`${user.name}\t${user.role}\t${new Date(user.createdAt).toISOString()}\n`);
      }
    } else if (action === "revoke") {
      const [name] = names;
      if (name === undefined || names.length > 1) throw usage("uplink users revoke takes one NAME");
      await accounts.revoke(name);
      io.out(`user ${name} revoked\n`);
    } else {
      throw usage(`unknown users command ${action ?? "(none)"}`);
    }
  };
  const db = await createDatabase(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl, schema: config.databaseSchema }
      : { dataDir: config.dataDir },
  );
  try {
    // The embedded database is migrated by whoever opens it first; PostgreSQL by `uplink migrate`.
    if (db.kind === "pglite") await migrate(db.knex);
    await run(new UserAccounts(new KnexUserStore(db), new SystemClock()));
  } finally {
    await db.close();
  }
}
