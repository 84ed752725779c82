import type { Instant } from "@uplink/core";

/**
 * The rules of SPEC §1 and §2 that {@link checkInvariants} checks on a trace, with what each
 * one means. The order is the order of the specification.
 */
export const INVARIANTS = {
  "cancel-only-from-ready":
    "a command is cancelled only from ready (or pending approval), and a cancel of a ready command is refused only because the sender won the race",
  "final-absorbs": "no transition is applied after a final state (late reports are recorded as ignored)",
  "no-regression": "every applied transition moves to a state of higher rank",
  "outcome-matches-spacecraft":
    "a command ends executed only if the spacecraft executed it, completion_failed only if execution failed, rejected only if the spacecraft rejected it",
  "bounded-time-to-final":
    "a transmitted command reaches a final state within the acceptance and execution timeouts",
  "transmit-in-contact": "a command is marked transmitted only inside a contact window of its spacecraft",
  "transmit-not-before": "a command is not transmitted before its notBefore",
  "transmit-not-after": "a command is not transmitted after its notAfter",
  "expire-after-not-after": "a command fails expired only once its notAfter has passed",
  "expire-when-not-after-passes":
    "a queued command fails expired when its notAfter passes, in contact or not (within the slack)",
  "transmit-in-dispatch-order":
    "a command is not transmitted while one of its spacecraft that comes before it in dispatch order (priority, then age), sendable since before it, is still queued",
  "history-append-only":
    "each command's history grows by one entry at a time, from its current status, never back in time (ignored entries change nothing)",
  "transmit-not-held":
    "a command an operator holds is not transmitted, nor handed to the uplink, until it is released",
  "transmit-queue-open":
    "nothing is marked transmitted, or handed to the uplink, while its spacecraft's queue is held or closed",
  "transmit-only-approved":
    "a command that started pending approval is transmitted (and handed to the uplink) only after a second person approved it",
  "transmit-not-inhibited":
    "a command is not transmitted while its name is inhibited on its spacecraft, and one that failed inhibited was inhibited then and never transmitted",
  "uplink-after-transmit": "a command is handed to the uplink once, and only after it was marked transmitted",
  "uplink-in-contact": "a command is handed to the uplink only inside a contact window",
  "execute-at-most-once": "the spacecraft executes a command id at most once",
  "none-lost":
    "at the end, every command is final, or still queued only because no contact window after it could be sent (and after every restart) was long enough to send it",
} as const;

/** The name of one invariant. */
export type InvariantName = keyof typeof INVARIANTS;

/** The first broken invariant found in a trace. */
export interface Violation {
  readonly invariant: InvariantName;
  /** The command at fault, or null for a trace-level break. */
  readonly commandId: string | null;
  /** When it broke (the instant of the offending record, or the deadline that passed). */
  readonly at: Instant;
  /** What happened, in a sentence. */
  readonly message: string;
}

/** Formats a violation as one line: `INVARIANT broken by command ID at TIME: message`. */
export function describeViolation(v: Violation): string {
  const who = v.commandId === null ? "" : ` by command ${v.commandId}`;
  const when = Number.isFinite(v.at) ? new Date(v.at).toISOString() : String(v.at);
  return `${v.invariant} broken${who} at ${when}: ${v.message}`;
}
