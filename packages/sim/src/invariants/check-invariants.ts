import type { TraceRecord } from "../trace/trace-record.js";
import { InvariantChecker, type InvariantCheckerOptions } from "./invariant-checker.js";
import type { Violation } from "./invariants.js";

/** What {@link checkInvariants} found. */
export interface InvariantReport {
  readonly ok: boolean;
  /** The first broken invariant, with the command and the time; null when all hold. */
  readonly violation: Violation | null;
  readonly records: number;
  readonly commands: number;
}

/**
 * Checks every rule of SPEC §1 and §2 (see {@link INVARIANTS}) on a whole trace and names the
 * first one broken, with the command id and the time.
 *
 * @example
 * const { trace } = await runScenario({ seed: 1, commands: 100, days: 1 });
 * const report = checkInvariants(trace);
 * if (!report.ok) throw new Error(describeViolation(report.violation!));
 */
export function checkInvariants(
  trace: Iterable<TraceRecord>,
  options: InvariantCheckerOptions = {},
): InvariantReport {
  const checker = new InvariantChecker(options);
  for (const record of trace) checker.write(record);
  const violation = checker.finish();
  return { ok: violation === null, violation, ...checker.checked };
}
