import type { Violation } from "../invariants/invariants.js";
import type { TraceOutcomes } from "../scenario/scenario-summary.js";
import type { TraceSink } from "../trace/trace-record.js";

/** What checking a whole trace found. */
export interface TraceVerdict {
  /** Records hashed and checked. */
  readonly records: number;
  /** The trace's {@link TraceHasher} digest. */
  readonly hash: string;
  /** The first broken invariant, or null. */
  readonly violation: Violation | null;
  readonly outcomes: TraceOutcomes;
}

/**
 * Hashes a run's trace, counts its outcomes and checks every invariant on it as it is written; {@link finish} after
 * the last record gives the verdict.
 */
export interface TraceCheck {
  readonly sink: TraceSink;
  finish(): Promise<TraceVerdict>;
  /** Lets go of what the check holds when the run ends without a verdict (an error). */
  abandon(): void;
}
