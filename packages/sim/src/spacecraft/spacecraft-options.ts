import { ConfigError } from "@uplink/core";

/** Which command names the spacecraft knows: a set of names or a predicate. */
export type KnownCommands = ReadonlySet<string> | ((name: string) => boolean);

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
  if (!(resolved.failureRate >= 0 && resolved.failureRate <= 1)) {
    throw new ConfigError("failureRate", "a probability from 0 to 1");
  }
  return resolved;
}

/** Whether a name is known under a {@link KnownCommands} setting. */
export function isKnown(known: KnownCommands, name: string): boolean {
  return typeof known === "function" ? known(name) : known.has(name);
}
