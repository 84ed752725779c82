/** How long a transmitted command may wait for its reports before it fails `timed_out`. */
export interface Timeouts {
  /** From `transmitted` to an acceptance report. */
  readonly acceptanceMs: number;
  /** From `acknowledged` (or a progress stage) to a completion report. */
  readonly executionMs: number;
}

/** Defaults: generous enough for the simulated spacecraft's default delays (SPEC §6). */
export const DEFAULT_TIMEOUTS: Timeouts = { acceptanceMs: 60_000, executionMs: 300_000 };
