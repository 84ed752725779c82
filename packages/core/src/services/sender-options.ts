import { ConfigError } from "../errors.js";
import type { Random } from "../ports/random.js";

/** How a command sender behaves; {@link DEFAULT_SENDER_OPTIONS} holds every default. */
export interface CommandSenderOptions {
  /** The lease owner id; unique per sender process (e.g. `host-pid`). */
  readonly owner: string;
  /** Each claimed command is transmitted after a uniform random delay of 0..this many whole ms (SPEC §2). */
  readonly transmitDelayMaxMs: number;
  /** How long a claim holds; at least `transmitDelayMaxMs + LEASE_MARGIN_MS`, so that a live sender's lease never lapses. */
  readonly leaseMs: number;
  /** Commands claimed per round. */
  readonly batchSize: number;
  /**
   * Cap on claimed commands waiting for their transmit delay. It bounds throughput at about
   * `maxPending / (transmitDelayMaxMs / 2)` commands per ms: size it to the expected rate.
   */
  readonly maxPending: number;
  /**
   * A backstop round (and overdue-timeout sweep) every this many ms, to take over commands
   * whose leases a crashed sender left, and deadlines set by other processes; 0 = never (one
   * sender, e.g. the simulator). New commands never need it: they are nudged.
   */
  readonly pollIntervalMs: number;
  /** After a storage error, retry this much later. */
  readonly retryDelayMs: number;
}

/** What a lease must outlast beyond the longest transmit delay (slow storage, a busy event loop). */
export const LEASE_MARGIN_MS = 30_000;

/**
 * Every default of the sender and its timeout watcher, in one place. `owner: null` means "one
 * is generated" (`sender-` and 8 hex digits drawn from the sender's Random port). When
 * `leaseMs` is not given it is at least `transmitDelayMaxMs + LEASE_MARGIN_MS`.
 */
export const DEFAULT_SENDER_OPTIONS: Readonly<
  Omit<CommandSenderOptions, "owner"> & { owner: string | null }
> = {
  owner: null,
  transmitDelayMaxMs: 30_000,
  leaseMs: 60_000,
  batchSize: 500,
  maxPending: 10_000,
  pollIntervalMs: 0,
  retryDelayMs: 1_000,
};

/**
 * Applies {@link DEFAULT_SENDER_OPTIONS} and checks the result; a bad value throws a
 * {@link ConfigError} naming the option.
 */
export function resolveSenderOptions(
  options: Partial<CommandSenderOptions>,
  random: Random,
): CommandSenderOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const merged = { ...DEFAULT_SENDER_OPTIONS, ...defined } as typeof DEFAULT_SENDER_OPTIONS;
  const transmitDelayMaxMs = wholeMs("transmitDelayMaxMs", merged.transmitDelayMaxMs, 0);
  const minLease = transmitDelayMaxMs + LEASE_MARGIN_MS;
  const leaseMs =
    options.leaseMs === undefined
      ? Math.max(merged.leaseMs, minLease)
      : wholeMs("leaseMs", merged.leaseMs, minLease);
  const owner =
    merged.owner ??
    `sender-${Math.floor(random.next() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, "0")}`;
  if (typeof owner !== "string" || owner.length === 0) {
    throw new ConfigError("owner", "a non-empty string", "owner: must be a non-empty string");
  }
  return {
    owner,
    transmitDelayMaxMs,
    leaseMs,
    batchSize: wholeMs("batchSize", merged.batchSize, 1),
    maxPending: wholeMs("maxPending", merged.maxPending, 1),
    pollIntervalMs: wholeMs("pollIntervalMs", merged.pollIntervalMs, 0),
    retryDelayMs: wholeMs("retryDelayMs", merged.retryDelayMs, 1),
  };
}

function wholeMs(name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(
      name,
      `a whole number ≥ ${min}`,
      `${name}: ${String(value)} is not a whole number ≥ ${min}`,
    );
  }
  return value;
}
