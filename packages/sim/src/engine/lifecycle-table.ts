import type { FailureReason, Lifecycle } from "@uplink/core";

/** The events the fast engine sends, by number. */
export const EV_TRANSMIT = 0;
export const EV_CANCEL = 1;
export const EV_EXPIRE = 2;
export const EV_ACCEPTED = 3;
export const EV_REJECTED = 4;
export const EV_COMPLETED = 5;
export const EV_COMPLETION_FAILED = 6;
export const EV_TIMEOUT = 7;
const EVENT_TYPES = [
  "TRANSMIT",
  "CANCEL",
  "EXPIRE",
  "ACCEPTED",
  "REJECTED",
  "COMPLETED",
  "COMPLETION_FAILED",
  "TIMEOUT",
] as const;

/** No step: the event is ignored in that status. */
export const NO_STEP = -1;
/** Timeout kinds of a status. */
export const TIMEOUT_NONE = 0;
export const TIMEOUT_ACCEPTANCE = 1;
export const TIMEOUT_EXECUTION = 2;

/**
 * A lifecycle's step table in numbers: status and failure-reason indexes, so that a command's
 * state fits in typed arrays. Every entry is read off core's compiled table
 * ({@link Lifecycle.step}, proven equal to the XState machine), never derived anew.
 */
export class LifecycleTable {
  /** Status names by index. */
  readonly statuses: readonly string[];
  /** Failure reasons by code; code 0 is null. */
  readonly failureReasons: (FailureReason | null)[] = [null];
  readonly eventTypes: readonly string[] = EVENT_TYPES;
  readonly initial: number;
  readonly queued: Uint8Array;
  readonly timeoutOf: Uint8Array;
  /** `to` status by `status * events + event`, or {@link NO_STEP}. */
  readonly to: Int8Array;
  /** Failure-reason code a step sets, or -1 to keep the command's own. */
  readonly failureReasonOf: Int8Array;
  /** The transition's note (the entry's reason when the event brings none). */
  readonly note: (string | null)[];

  constructor(readonly lifecycle: Lifecycle) {
    const statuses = Object.keys(lifecycle.definition.states);
    this.statuses = statuses;
    const n = statuses.length;
    const e = EVENT_TYPES.length;
    this.initial = statuses.indexOf(lifecycle.initial);
    this.queued = new Uint8Array(n);
    this.timeoutOf = new Uint8Array(n);
    this.to = new Int8Array(n * e).fill(NO_STEP);
    this.failureReasonOf = new Int8Array(n * e).fill(-1);
    this.note = new Array<string | null>(n * e).fill(null);
    statuses.forEach((status, s) => {
      const state = lifecycle.state(status);
      this.queued[s] = lifecycle.queuedStatuses.includes(status) ? 1 : 0;
      this.timeoutOf[s] =
        state.timeout === "acceptance"
          ? TIMEOUT_ACCEPTANCE
          : state.timeout === "execution"
            ? TIMEOUT_EXECUTION
            : TIMEOUT_NONE;
      EVENT_TYPES.forEach((type, ev) => {
        const step = lifecycle.step(status, null, { type });
        if (step === null) return;
        const k = s * e + ev;
        this.to[k] = statuses.indexOf(step.to);
        this.failureReasonOf[k] = step.failureReason === null ? -1 : this.reasonCode(step.failureReason);
        this.note[k] = step.reason;
      });
    });
  }

  /** The code of a failure reason (added when new). */
  reasonCode(reason: FailureReason): number {
    let code = this.failureReasons.indexOf(reason);
    if (code < 0) code = this.failureReasons.push(reason) - 1;
    return code;
  }
}
