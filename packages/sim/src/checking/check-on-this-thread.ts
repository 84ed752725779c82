import type { Lifecycle } from "@uplink/core";
import { InvariantChecker } from "../invariants/invariant-checker.js";
import { OutcomeCounter } from "../scenario/scenario-summary.js";
import { TraceHasher } from "../trace/trace-hash.js";
import { fanOut } from "../trace/trace-sinks.js";
import type { TraceCheck } from "./trace-verdict.js";

/** How a trace is checked: the lifecycle the run used, and how many commands it will have. */
export interface TraceCheckOptions {
  readonly lifecycle?: Lifecycle;
  readonly expectedCommands?: number;
}

/**
 * Hashes, counts and checks the trace on the thread that writes it, record by record: a run's
 * own thread, or the checking worker's.
 */
export function checkOnThisThread(options: TraceCheckOptions): TraceCheck {
  const hasher = new TraceHasher();
  const checker = new InvariantChecker({
    ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
    ...(options.expectedCommands === undefined ? {} : { expectedCommands: options.expectedCommands }),
  });
  const counter = new OutcomeCounter();
  return {
    sink: fanOut([hasher, checker, counter]),
    finish: async () => {
      const violation = checker.finish();
      return { records: hasher.records, hash: hasher.digest(), violation, outcomes: counter.outcomes() };
    },
    abandon: () => undefined,
  };
}
