import { ConfigError } from "@uplink/core";

/**
 * Which command names the spacecraft knows: a set of names, or a predicate that may depend on
 * the spacecraft (e.g. its mission's dictionary).
 */
export type KnownCommands = ReadonlySet<string> | ((name: string, spacecraftId: string) => boolean);

/** How the simulated spacecraft behaves. */
export interface SimulatedSpacecraftOptions {
  /** Acceptance report after a delay uniform in `[0, ackDelayMaxMs]` (default 2 000 ms). */
  readonly ackDelayMaxMs: number;
  /** Completion report after a further delay uniform in `[0, execDelayMaxMs]` (default 10 000 ms). */
  readonly execDelayMaxMs: number;
  /** Probability that a known command's execution fails (default 0.15, SPEC §3). */
  readonly failureRate: number;
  /** Names it accepts; others are rejected (default {@link knowsByDefault}). */
  readonly knownCommands: KnownCommands;
  /** The spacecraft it answers for; commands for others are refused by the link. Default: any. */
  readonly spacecraftIds?: readonly string[];
  /** Housekeeping telemetry every this many ms once `startTelemetry()` is called (default 0: off). */
  readonly telemetryIntervalMs: number;
  /**
   * How often, on average, a nominal spacecraft falls into safe mode, in ms of housekeeping
   * time (default 1 h; 0: never). It leaves safe mode when it executes `RECOVER`.
   */
  readonly safeModeMeanMs: number;
  /** Whether a spacecraft is in contact: housekeeping frames are sent only then (default: always). */
  readonly inContact?: (spacecraftId: string, at: number) => boolean;
}

/**
 * The default set of known commands: every name except those starting with `UNKNOWN`
 * (any case), so a test or an operator can provoke a rejection on purpose (`UNKNOWN_CMD`).
 */
export function knowsByDefault(name: string): boolean {
  return !/^unknown/i.test(name);
}

/** Every default of the simulated spacecraft, in one place (aligned with the server's configuration). */
export const DEFAULT_SPACECRAFT_OPTIONS: SimulatedSpacecraftOptions = Object.freeze({
  ackDelayMaxMs: 2_000,
  execDelayMaxMs: 10_000,
  failureRate: 0.15,
  knownCommands: knowsByDefault,
  telemetryIntervalMs: 0,
  safeModeMeanMs: 3_600_000,
});

/** Merges options over the defaults and checks them; a bad value throws core's `ConfigError`. */
export function resolveSpacecraftOptions(
  options: Partial<SimulatedSpacecraftOptions> = {},
): SimulatedSpacecraftOptions {
  const resolved = { ...DEFAULT_SPACECRAFT_OPTIONS, ...options };
  const delay = (name: keyof SimulatedSpacecraftOptions, value: number): void => {
    if (!Number.isFinite(value) || value < 0) throw new ConfigError(name, "a number of milliseconds ≥ 0");
  };
  delay("ackDelayMaxMs", resolved.ackDelayMaxMs);
  delay("execDelayMaxMs", resolved.execDelayMaxMs);
  delay("telemetryIntervalMs", resolved.telemetryIntervalMs);
  delay("safeModeMeanMs", resolved.safeModeMeanMs);
  if (!(resolved.failureRate >= 0 && resolved.failureRate <= 1)) {
    throw new ConfigError("failureRate", "a probability from 0 to 1");
  }
  return resolved;
}

/** Whether a name is known to a spacecraft under a {@link KnownCommands} setting. */
export function isKnown(known: KnownCommands, name: string, spacecraftId = ""): boolean {
  return typeof known === "function" ? known(name, spacecraftId) : known.has(name);
}
