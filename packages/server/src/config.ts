import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  ConfigError,
  DictionaryError,
  DURATION_FORMAT,
  parseContactsSpec,
  parseDuration,
  SPACECRAFT_ID_PATTERN,
} from "@uplink/core";
import { parseStations } from "@uplink/sim";
import { readDictionaryFiles } from "./dictionaries/dictionary-files.js";

/** Which parts of Uplink a `serve` process runs (SPEC §6). */
export type Role = "api" | "sender" | "spacecraft" | "all";
export const ROLES: readonly Role[] = ["api", "sender", "spacecraft", "all"];

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** Every setting of a server process, validated, with defaults applied. Durations in milliseconds. */
export interface UplinkConfig {
  readonly role: Role;
  readonly port: number;
  readonly host: string;
  /** PostgreSQL when set; otherwise embedded PGlite in {@link dataDir}. */
  readonly databaseUrl: string | null;
  /** The PostgreSQL schema holding Uplink's tables: `DATABASE_URL`'s `?schema=` parameter, else `public`. */
  readonly databaseSchema: string;
  /** Absolute path of the embedded database's directory. */
  readonly dataDir: string;
  readonly transmitDelayMaxMs: number;
  readonly ackDelayMaxMs: number;
  readonly execDelayMaxMs: number;
  readonly ackTimeoutMs: number;
  readonly execTimeoutMs: number;
  readonly failureRate: number;
  /** `always` | `periodic:…` | `windows:…` | `tle:PATH` (SPEC §4). */
  readonly contacts: string;
  /** `NAME:LAT,LON,ALT_KM,MIN_EL_DEG;…` for `tle:` contacts; the simulator's default stations when null. */
  readonly stations: string | null;
  /** Seeds every random choice when set; otherwise randomness comes from the system. */
  readonly seed: number | null;
  /** The spacecraft's HTTP service; the in-process simulated spacecraft when null. */
  readonly spacecraftUrl: string | null;
  readonly linkTimeoutMs: number;
  readonly downlinkGapTimeoutMs: number;
  /** How long a sender's claim holds (flag only); the sender's own default when null. */
  readonly leaseMs: number | null;
  /** Where the spacecraft service (`uplink spacecraft`) POSTs its frames. */
  readonly downlinkUrl: string;
  readonly logLevel: LogLevel;
  /** Spacecraft ids registered at start when missing (`UPLINK_SPACECRAFT`), besides the demo fleet. */
  readonly spacecraft: readonly string[];
  /** How long telemetry history is kept (`UPLINK_TELEMETRY_RETENTION`), in milliseconds. */
  readonly telemetryRetentionMs: number;
  /**
   * `UPLINK_SPACECRAFT_MISSIONS`: each `uplink spacecraft` spacecraft's mission, whose dictionary
   * (from `dictionaries`) says which commands it knows on board; by default the demo fleet's.
   */
  readonly spacecraftMissions: Readonly<Record<string, string>>;
  /** Absolute paths of the dictionary files loaded at start (`UPLINK_DICTIONARY`, SPEC §9), each valid. */
  readonly dictionaries: readonly string[];
  /** `UPLINK_ADMIN_TOKEN`: user `admin` is made or updated with this token at start (SPEC §10). */
  readonly adminToken: string | null;
  /**
   * `UPLINK_DOWNLINK_TOKEN`: user `downlink` (role downlink) is made or updated with this token at
   * the ground's start, and `uplink spacecraft` sends it with its frames.
   */
  readonly downlinkToken: string | null;
  /** The simulated spacecraft's housekeeping period (`UPLINK_HK_INTERVAL_MS`, SPEC §8); 0: none. */
  readonly hkIntervalMs: number;
  /** How often, on average, a simulated spacecraft falls into safe mode (`UPLINK_SAFE_MODE_MEAN_MS`); 0: never. */
  readonly safeModeMeanMs: number;
}

/** The built-in value of every setting: what a fresh `npm start` runs with. */
export const DEFAULTS: Omit<UplinkConfig, "dataDir"> & { readonly dataDir: string } = {
  role: "all",
  port: 8080,
  host: "127.0.0.1",
  databaseUrl: null,
  databaseSchema: "public",
  dataDir: "./.uplink",
  transmitDelayMaxMs: 30_000,
  ackDelayMaxMs: 2_000,
  execDelayMaxMs: 10_000,
  ackTimeoutMs: 60_000,
  execTimeoutMs: 300_000,
  failureRate: 0.15,
  contacts: "always",
  stations: null,
  seed: null,
  spacecraftUrl: null,
  linkTimeoutMs: 5_000,
  downlinkGapTimeoutMs: 5_000,
  leaseMs: null,
  downlinkUrl: "http://127.0.0.1:8080/api/downlink",
  logLevel: "info",
  spacecraft: [],
  telemetryRetentionMs: 7 * 24 * 3_600_000,
  dictionaries: [],
  spacecraftMissions: { "demo-1": "demo", "demo-2": "demo" },
  adminToken: null,
  downlinkToken: null,
  hkIntervalMs: 10_000,
  safeModeMeanMs: 3_600_000,
};

type Parser<T> = (raw: string, name: string) => T;
type Key = keyof UplinkConfig;

interface Setting {
  readonly key: Key;
  /** The environment variable; settings without one are flags only. */
  readonly env: string | null;
  /** The flag; secrets have none (a process's arguments are visible to every user of the machine). */
  readonly flag: string | null;
  readonly parse: Parser<unknown>;
}

const integer =
  (min: number, max: number): Parser<number> =>
  (raw, name) => {
    const value = Number(raw.trim());
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw invalid(name, raw, `an integer from ${min} to ${max}`);
    }
    return value;
  };
// Timers hold at most 2^31 - 1 ms; every delay and timeout may be 0.
const milliseconds = integer(0, 2_147_483_647);
const probability: Parser<number> = (raw, name) => {
  const value = Number(raw.trim());
  if (raw.trim() === "" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw invalid(name, raw, "a number from 0 to 1");
  }
  return value;
};
const text: Parser<string> = (raw, name) => {
  if (raw.trim() === "") throw invalid(name, raw, "a non-empty value");
  return raw.trim();
};
const url =
  (...protocols: string[]): Parser<string> =>
  (raw, name) => {
    const accepts = `a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`;
    try {
      if (protocols.includes(new URL(raw.trim()).protocol)) return raw.trim().replace(/\/+$/, "");
    } catch {
      // Falls through to the one error below.
    }
    throw invalid(name, raw, accepts);
  };
const oneOf =
  <T extends string>(choices: readonly T[]): Parser<T> =>
  (raw, name) => {
    if (!(choices as readonly string[]).includes(raw.trim()))
      throw invalid(name, raw, `one of ${choices.join(", ")}`);
    return raw.trim() as T;
  };
const stations: Parser<string> = (raw, name) => {
  parseStations(raw, name);
  return raw.trim();
};
const spacecraftIds: Parser<readonly string[]> = (raw, name) => {
  const ids = raw.split(",").map((id) => id.trim());
  if (ids.some((id) => !SPACECRAFT_ID_PATTERN.test(id))) {
    throw invalid(name, raw, `ID[,ID…] with each id matching ${SPACECRAFT_ID_PATTERN.source}`);
  }
  return [...new Set(ids)];
};
const spacecraftMissions: Parser<Readonly<Record<string, string>>> = (raw, name) => {
  const missions: Record<string, string> = {};
  for (const pair of raw.split(",")) {
    const [id = "", mission = "", ...rest] = pair.split("=").map((part) => part.trim());
    if (!SPACECRAFT_ID_PATTERN.test(id) || mission === "" || rest.length > 0) {
      throw invalid(
        name,
        raw,
        `ID=MISSION[,ID=MISSION…] with each id matching ${SPACECRAFT_ID_PATTERN.source}`,
      );
    }
    missions[id] = mission;
  }
  return missions;
};
const retention: Parser<number> = (raw, name) => {
  try {
    const ms = parseDuration(raw, name);
    if (ms > 0) return ms;
  } catch {
    // Falls through to the one error below.
  }
  throw invalid(name, raw, `${DURATION_FORMAT}, longer than 0`);
};
const contacts: Parser<string> = (raw, name) => {
  parseContactsSpec(raw, name);
  return raw.trim();
};

/** Shortest token accepted from the environment (SPEC §10). */
export const MIN_TOKEN_LENGTH = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]+$/;

// The value is never echoed: it is a secret.
const token: Parser<string> = (raw, name) => {
  const accepts = `at least ${MIN_TOKEN_LENGTH} characters of A-Z a-z 0-9 . _ ~ + / = -`;
  if (raw.length < MIN_TOKEN_LENGTH || !TOKEN_PATTERN.test(raw)) {
    const problem = raw.length < MIN_TOKEN_LENGTH ? `it has ${raw.length}` : "it has other characters";
    throw new ConfigError(name, accepts, `${name} is not valid: expected ${accepts} (${problem})`);
  }
  return raw;
};

const paths: Parser<readonly string[]> = (raw, name) => {
  const list = raw.split(",").map((path) => path.trim());
  if (list.some((path) => path === "")) throw invalid(name, raw, "PATH[,PATH…] of dictionary files");
  return list;
};

const SETTINGS: readonly Setting[] = [
  { key: "role", env: null, flag: "role", parse: oneOf(ROLES) },
  { key: "port", env: "PORT", flag: "port", parse: integer(0, 65_535) },
  { key: "host", env: "HOST", flag: "host", parse: text },
  { key: "databaseUrl", env: "DATABASE_URL", flag: "database-url", parse: url("postgres:", "postgresql:") },
  { key: "dataDir", env: "UPLINK_DATA_DIR", flag: "data-dir", parse: text },
  {
    key: "transmitDelayMaxMs",
    env: "UPLINK_TRANSMIT_DELAY_MAX_MS",
    flag: "transmit-delay-max-ms",
    parse: milliseconds,
  },
  { key: "ackDelayMaxMs", env: "UPLINK_ACK_DELAY_MAX_MS", flag: "ack-delay-max-ms", parse: milliseconds },
  { key: "execDelayMaxMs", env: "UPLINK_EXEC_DELAY_MAX_MS", flag: "exec-delay-max-ms", parse: milliseconds },
  { key: "ackTimeoutMs", env: "UPLINK_ACK_TIMEOUT_MS", flag: "ack-timeout-ms", parse: milliseconds },
  { key: "execTimeoutMs", env: "UPLINK_EXEC_TIMEOUT_MS", flag: "exec-timeout-ms", parse: milliseconds },
  { key: "failureRate", env: "UPLINK_FAILURE_RATE", flag: "failure-rate", parse: probability },
  { key: "contacts", env: "UPLINK_CONTACTS", flag: "contacts", parse: contacts },
  { key: "stations", env: "UPLINK_STATIONS", flag: "stations", parse: stations },
  { key: "seed", env: "UPLINK_SEED", flag: "seed", parse: integer(0, 4_294_967_295) },
  {
    key: "spacecraftUrl",
    env: "UPLINK_SPACECRAFT_URL",
    flag: "spacecraft-url",
    parse: url("http:", "https:"),
  },
  { key: "linkTimeoutMs", env: "UPLINK_LINK_TIMEOUT_MS", flag: "link-timeout-ms", parse: milliseconds },
  {
    key: "downlinkGapTimeoutMs",
    env: "UPLINK_DOWNLINK_GAP_TIMEOUT_MS",
    flag: "downlink-gap-timeout-ms",
    parse: milliseconds,
  },
  { key: "leaseMs", env: null, flag: "lease-ms", parse: integer(1, 2_147_483_647) },
  { key: "downlinkUrl", env: null, flag: "downlink", parse: url("http:", "https:") },
  { key: "logLevel", env: "LOG_LEVEL", flag: "log-level", parse: oneOf(LOG_LEVELS) },
  { key: "spacecraft", env: "UPLINK_SPACECRAFT", flag: "spacecraft", parse: spacecraftIds },
  {
    key: "telemetryRetentionMs",
    env: "UPLINK_TELEMETRY_RETENTION",
    flag: "telemetry-retention",
    parse: retention,
  },
  { key: "dictionaries", env: "UPLINK_DICTIONARY", flag: "dictionary", parse: paths },
  {
    key: "spacecraftMissions",
    env: "UPLINK_SPACECRAFT_MISSIONS",
    flag: "spacecraft-missions",
    parse: spacecraftMissions,
  },
  { key: "adminToken", env: "UPLINK_ADMIN_TOKEN", flag: null, parse: token },
  { key: "downlinkToken", env: "UPLINK_DOWNLINK_TOKEN", flag: null, parse: token },
  { key: "hkIntervalMs", env: "UPLINK_HK_INTERVAL_MS", flag: "hk-interval-ms", parse: milliseconds },
  { key: "safeModeMeanMs", env: "UPLINK_SAFE_MODE_MEAN_MS", flag: "safe-mode-mean-ms", parse: milliseconds },
];

/** The environment variable names of SPEC §6, in the order the README lists them. */
export const ENVIRONMENT_NAMES: readonly string[] = SETTINGS.flatMap((s) => (s.env ? [s.env] : []));

/** The error for a refused value: one line naming the setting and what it accepts. */
function invalid(name: string, raw: string, accepts: string): ConfigError {
  return new ConfigError(name, accepts, `${name}=${JSON.stringify(raw)} is not valid: expected ${accepts}`);
}

/**
 * Reads the configuration from command-line flags (which win) and environment variables,
 * validates every value and applies the defaults. Throws a {@link ConfigError} whose message is
 * one line naming the variable (or flag) and what it accepts. Empty variables count as unset.
 *
 * @example
 * const config = loadConfig(["--port", "0"], { UPLINK_TRANSMIT_DELAY_MAX_MS: "0" });
 * config.port; // 0
 */
export function loadConfig(
  argv: readonly string[] = [],
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = env.INIT_CWD ?? process.cwd(),
): UplinkConfig {
  const flags = readFlags(argv);
  const values: Record<string, unknown> = { ...DEFAULTS };
  for (const setting of SETTINGS) {
    const fromFlag = setting.flag === null ? undefined : flags[setting.flag];
    if (fromFlag !== undefined) {
      values[setting.key] = setting.parse(fromFlag, `--${setting.flag}`);
      continue;
    }
    const fromEnv = setting.env ? env[setting.env] : undefined;
    if (fromEnv !== undefined && fromEnv !== "" && setting.env)
      values[setting.key] = setting.parse(fromEnv, setting.env);
  }
  const config = values as unknown as UplinkConfig;
  const dataDir = isAbsolute(config.dataDir) ? config.dataDir : resolve(cwd, config.dataDir);
  const dictionaries = config.dictionaries.map((path) => (isAbsolute(path) ? path : resolve(cwd, path)));
  checkDictionaries(dictionaries, flags.dictionary === undefined ? "UPLINK_DICTIONARY" : "--dictionary");
  if (config.adminToken !== null && config.adminToken === config.downlinkToken) {
    throw new ConfigError(
      "UPLINK_DOWNLINK_TOKEN",
      "a token other than UPLINK_ADMIN_TOKEN",
      "UPLINK_DOWNLINK_TOKEN is not valid: expected a token other than UPLINK_ADMIN_TOKEN",
    );
  }
  return { ...config, dataDir, dictionaries, ...splitSchema(config.databaseUrl) };
}

/** Reads every dictionary file once, so that a bad one stops the process before anything opens. */
function checkDictionaries(paths: readonly string[], name: string): void {
  try {
    readDictionaryFiles(paths);
  } catch (error) {
    if (error instanceof DictionaryError) {
      throw new ConfigError(name, "PATH[,PATH…] of valid dictionary files", `${name}: ${error.message}`);
    }
    throw error;
  }
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Takes the `schema` parameter out of a PostgreSQL URL (pg does not know it). */
function splitSchema(databaseUrl: string | null): { databaseUrl: string | null; databaseSchema: string } {
  if (databaseUrl === null) return { databaseUrl, databaseSchema: DEFAULTS.databaseSchema };
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema");
  if (schema === null) return { databaseUrl, databaseSchema: DEFAULTS.databaseSchema };
  if (!SCHEMA_PATTERN.test(schema)) {
    throw invalid("DATABASE_URL", databaseUrl, "?schema= a lower-case SQL identifier ([a-z_][a-z0-9_]*)");
  }
  url.searchParams.delete("schema");
  return { databaseUrl: url.toString().replace(/\?$/, ""), databaseSchema: schema };
}

function readFlags(argv: readonly string[]): Record<string, string | undefined> {
  const flagged = SETTINGS.flatMap((s) => (s.flag === null ? [] : [s.flag]));
  const options = Object.fromEntries(flagged.map((flag) => [flag, { type: "string" as const }]));
  try {
    const { values } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return values as Record<string, string | undefined>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    const accepts = flagged.map((flag) => `--${flag}`).join(", ");
    if (unknown)
      throw new ConfigError(unknown, accepts, `unknown flag ${unknown}: expected one of ${accepts}`);
    throw new ConfigError("flags", accepts, (message.split("\n")[0] ?? message).replace(/\.$/, ""));
  }
}
