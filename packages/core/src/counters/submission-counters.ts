import type { CounterValues } from "../ports/counters.js";

/** The names under which the submission service counts in the {@link Counters} port. */
export const SUBMISSION_COUNTERS = Object.freeze({
  /** Submissions refused as invalid (by the service or by the server's request schema). */
  rejected: "rejectedSubmissions",
  /** Idempotent retries answered with the command stored earlier. */
  duplicate: "duplicateSubmissions",
} as const);

/** Counters an operator sees in `/api/stats`. */
export interface SubmissionStats {
  readonly rejectedSubmissions: number;
  readonly duplicateSubmissions: number;
}

/**
 * The submission counters among every counter's values (0 for one never added to).
 *
 * @example
 * submissionStatsOf(await counters.read()); // { rejectedSubmissions: 3, duplicateSubmissions: 1 }
 */
export function submissionStatsOf(values: CounterValues): SubmissionStats {
  return {
    rejectedSubmissions: values[SUBMISSION_COUNTERS.rejected] ?? 0,
    duplicateSubmissions: values[SUBMISSION_COUNTERS.duplicate] ?? 0,
  };
}
