import { ConfigError } from "@uplink/core";
import {
  MAX_CRASHES,
  MAX_INHIBIT_CHANGES,
  MAX_QUEUE_CHANGES,
  MAX_SENDERS,
} from "../scenario/scenario-config.js";

/** The options of `uplink-sim run`. */
export interface RunArgs {
  readonly seed: number;
  readonly commands: number;
  readonly days: number;
  readonly contacts: string;
  readonly stations: string | undefined;
  readonly spacecraft: readonly string[];
  readonly start: number | undefined;
  readonly svg: string | undefined;
  readonly json: string | undefined;
  readonly trace: string | undefined;
  /** Downlink misbehaviour. */
  readonly jitterMs: number;
  readonly lossRate: number;
  readonly duplicateRate: number;
  readonly conflictRate: number;
  /** Senders sharing the repository. */
  readonly senders: number;
  /** Restarts of the ground at seeded instants. */
  readonly crashes: number;
  /** Seeded changes of the spacecraft's inhibits over the run. */
  readonly inhibits: number;
  /** Housekeeping telemetry period in ms (0: none, and so no safe mode). */
  readonly housekeepingMs: number;
  /** Mean time between falls into safe mode, in ms (0: never). */
  readonly safeModeMeanMs: number;
  /** A mission dictionary's JSON file that the spacecraft share. */
  readonly dictionary: string | undefined;
  /** The share of commands submitted for a second person's approval. */
  readonly approvals: number;
  /** The share of commands an operator holds for a while after submitting them. */
  readonly holds: number;
  /** Seeded pauses of the spacecraft's queues (held or closed, then open again). */
  readonly queues: number;
  readonly quiet: boolean;
}

/** The usage text of the CLI. */
export const USAGE = `usage: uplink-sim run --seed N --commands N --days N [options]

Runs Uplink's own core services (the code the server runs) in virtual time against a
simulated spacecraft and an unreliable downlink, checks every lifecycle invariant on the
trace, and prints a summary.
Exits 1 naming the first broken invariant, 2 on bad arguments.

options:
  --seed N            random seed (integer); the same seed gives the same trace
  --commands N        commands to submit
  --days N            days over which they are submitted (fractions allowed)
  --contacts SPEC     always | periodic:PERIOD/DURATION[@OFFSET] | windows:START/END,... |
                      tle:PATH  (default $UPLINK_CONTACTS or periodic:90m/10m)
  --stations SPEC     NAME:LAT,LON,ALT_KM,MIN_EL_DEG;... for tle: (default $UPLINK_STATIONS)
  --spacecraft LIST   comma-separated spacecraft ids (default sc-1)
  --start TIME        RFC 3339 start (default 2030-01-01T00:00:00Z; a TLE plan: its epoch)
  --jitter MS         downlink reordering: extra delay up to MS (default 2000)
  --loss R            downlink frame loss probability (default 0.01)
  --duplicate R       downlink duplication probability (default 0.05)
  --conflict R        conflicting-duplicate probability (default 0.01)
  --svg FILE          write an SVG timeline (passes and commands; big runs are sampled)
  --json FILE         write the summary as JSON
  --trace FILE        write the whole trace as JSON Lines
  --senders K         K command senders sharing the repository, each with its own leases
                      (default 1)
  --crashes N         restart the ground at N seeded instants: senders and services lose all
                      memory, the repository survives, leases expire and are taken over
                      (default 0)
  --inhibits N        replace a random spacecraft's inhibited command names at N seeded
                      instants: submissions of them are refused, queued ones fail inhibited
                      (default 0)
  --housekeeping MS   the spacecraft send MODE, BATT_V, TEMP_C every MS while in contact,
                      now and then fall into safe mode, and the operators answer with RECOVER
                      (default 0: no housekeeping)
  --safe-mode-mean MS mean time between falls into safe mode (default 3600000; 0: never)
  --dictionary FILE   a mission dictionary (SPEC §9 JSON) the spacecraft share: submissions
                      are checked against it, the operators send its commands, the spacecraft
                      know only those, and inhibits by category match
  --queues N          hold or close a random spacecraft's queue at N seeded instants, each
                      opening again within 4 h: nothing is sent meanwhile, a closed queue
                      refuses submissions (default 0)
  --holds R           an operator holds a share R of the commands within 10 minutes of
                      submitting them and releases each up to 2 h later (default 0)
  --approvals R       submit a share R of the commands for approval (SPEC §10): a second
                      operator approves or rejects each within an hour (default 0)
  --quiet             no progress bar (it is shown only on a terminal anyway)
`;

const FLAGS = new Set([
  "seed",
  "commands",
  "days",
  "contacts",
  "stations",
  "spacecraft",
  "start",
  "svg",
  "json",
  "trace",
  "jitter",
  "loss",
  "duplicate",
  "conflict",
  "senders",
  "crashes",
  "inhibits",
  "housekeeping",
  "safe-mode-mean",
  "dictionary",
  "approvals",
  "holds",
  "queues",
  "quiet",
]);

/**
 * Parses `run` arguments (`--flag value` or `--flag=value`). A missing, unknown or bad value
 * throws core's `ConfigError` naming the flag and what it accepts.
 */
export function parseRunArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): RunArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !FLAGS.has(match[1] as string))
      throw new ConfigError(arg, "one of the options in --help", `unknown argument ${arg}`);
    const name = match[1] as string;
    if (name === "quiet") {
      values.set(name, "true");
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new ConfigError(`--${name}`, "a value", `--${name} needs a value`);
    values.set(name, value);
  }
  const integer = (name: string, min: number): number => {
    const raw = values.get(name);
    if (raw === undefined) throw new ConfigError(`--${name}`, `an integer ≥ ${min}`, `--${name} is required`);
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < min)
      throw new ConfigError(
        `--${name}`,
        `an integer ≥ ${min}`,
        `--${name}: "${raw}" is not an integer ≥ ${min}`,
      );
    return n;
  };
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
      throw new ConfigError(
        `--${name}`,
        `a number from ${min} to ${max}`,
        `--${name}: "${raw}" is not a number from ${min} to ${max}`,
      );
    }
    return n;
  };
  const days = number("days", Number.NaN, 0, 3650);
  if (!(days > 0))
    throw new ConfigError("--days", "a number of days > 0", `--days is required and must be > 0`);
  const startText = values.get("start");
  const start = startText === undefined ? undefined : Date.parse(startText);
  if (start !== undefined && !Number.isFinite(start)) {
    throw new ConfigError(
      "--start",
      "an RFC 3339 instant",
      `--start: "${startText}" is not an RFC 3339 instant`,
    );
  }
  const spacecraft = (values.get("spacecraft") ?? "sc-1").split(",").map((s) => s.trim());
  if (spacecraft.some((s) => !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(s))) {
    throw new ConfigError(
      "--spacecraft",
      "comma-separated spacecraft ids",
      `--spacecraft: "${values.get("spacecraft")}" is not a list of ids`,
    );
  }
  const bounded = (name: string, fallback: number, min: number, max: number): number => {
    if (!values.has(name)) return fallback;
    const n = integer(name, min);
    if (n > max)
      throw new ConfigError(
        `--${name}`,
        `an integer from ${min} to ${max}`,
        `--${name}: "${n}" is more than ${max}`,
      );
    return n;
  };
  return {
    seed: integer("seed", 0),
    commands: integer("commands", 0),
    days,
    contacts: values.get("contacts") ?? env.UPLINK_CONTACTS ?? "periodic:90m/10m",
    stations: values.get("stations") ?? env.UPLINK_STATIONS,
    spacecraft,
    start,
    svg: values.get("svg"),
    json: values.get("json"),
    trace: values.get("trace"),
    jitterMs: number("jitter", 2_000, 0, 86_400_000),
    lossRate: number("loss", 0.01, 0, 1),
    duplicateRate: number("duplicate", 0.05, 0, 1),
    conflictRate: number("conflict", 0.01, 0, 1),
    senders: bounded("senders", 1, 1, MAX_SENDERS),
    crashes: bounded("crashes", 0, 0, MAX_CRASHES),
    inhibits: bounded("inhibits", 0, 0, MAX_INHIBIT_CHANGES),
    housekeepingMs: bounded("housekeeping", 0, 0, 86_400_000),
    safeModeMeanMs: bounded("safe-mode-mean", 3_600_000, 0, Number.MAX_SAFE_INTEGER),
    dictionary: values.get("dictionary"),
    approvals: number("approvals", 0, 0, 1),
    holds: number("holds", 0, 0, 1),
    queues: bounded("queues", 0, 0, MAX_QUEUE_CHANGES),
    quiet: values.has("quiet"),
  };
}
