/** The names the simulated operators submit. */
export const WORKLOAD_NAMES = [
  "PING",
  "SET_MODE",
  "DUMP_TM",
  "HEATER_ON",
  "HEATER_OFF",
  "ADCS_SLEW",
  "PAYLOAD_ON",
  "PAYLOAD_OFF",
  "SYNC_TIME",
  "REBOOT_OBC",
] as const;

/** The names the operators submit to provoke rejections: the spacecraft knows no `UNKNOWN…` name. */
export const UNKNOWN_NAMES: readonly string[] = Array.from({ length: 7 }, (_, i) => `UNKNOWN_${i}`);

/**
 * The args of every simulated command: nothing mutates stored args, and a million empty
 * objects cost 56 MB.
 */
export const NO_ARGS: Readonly<Record<string, never>> = Object.freeze({});
