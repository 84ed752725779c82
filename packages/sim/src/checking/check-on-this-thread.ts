import type { Lifecycle } from "@uplink/core";
import { InvariantChecker } from "../invariants/invariant-checker.js";
import { OutcomeCounter } from "../scenario/scenario-summary.js";
import { TraceHasher } from "../trace/trace-hash.js";
import type { TraceSink } from "../trace/trace-record.js";
import { fanOut } from "../trace/trace-sinks.js";
import type { TraceCheck } from "./trace-verdict.js";

/** How a trace is checked: the lifecycle the run used, and how many commands it will have. */
export interface TraceCheckOptions {
  readonly lifecycle?: Lifecycle;
  readonly expectedCommands?: number;
}

/** A trace's hasher, outcome counter and invariant checker, behind one sink. */
export function hashAndCheck(options: TraceCheckOptions): TraceCheck & { readonly sink: TraceSink } {
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

/** Checks the trace on the thread that runs the scenario, record by record as it is written. */
export function checkOnThisThread(options: TraceCheckOptions): TraceCheck {
  return hashAndCheck(options);
}
