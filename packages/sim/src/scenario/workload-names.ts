/**
 * The names the simulated operators submit, shared by both engines: the fast engine must draw
 * the same name from the same random number as the services' workload, or the traces part.
 */
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

/** How many distinct unknown names (`UNKNOWN_0` …) the operators cycle through. */
export const UNKNOWN_NAME_COUNT = 7;

/** The args of every simulated command: nothing mutates stored args, and a million empty objects cost 56 MB. */
export const NO_ARGS: Readonly<Record<string, never>> = Object.freeze({});
