import type { FailureReason, Instant, StateKind } from "@uplink/core";
import type { CommandTable } from "./command-table.js";
import type { ContactWindowIndex } from "./contact-windows.js";
import type { InvariantName } from "./invariants.js";

/** What the spacecraft reported doing with a command (the table's `outcome` column). */
export const OUTCOME_EXECUTED = 1;
export const OUTCOME_FAILED = 2;
export const OUTCOME_REJECTED = 3;

/** A rule broken by one transition: which, and what happened. */
export interface Broken {
  readonly invariant: InvariantName;
  readonly message: string;
}

/** SPEC §1 and §2 on entering a transmitted state: in contact, not before notBefore, not after notAfter. */
export function checkTransmission(
  table: CommandTable,
  windows: ContactWindowIndex,
  row: number,
  at: Instant,
): Broken | null {
  const notBefore = table.notBefore[row] as number;
  const notAfter = table.notAfter[row] as number;
  if (!windows.inContact(table.spacecraft[row] as number, at)) {
    return { invariant: "transmit-in-contact", message: "marked transmitted outside every contact window" };
  }
  if (at < notBefore)
    return { invariant: "transmit-not-before", message: `transmitted before notBefore ${iso(notBefore)}` };
  if (at > notAfter)
    return { invariant: "transmit-not-after", message: `transmitted after notAfter ${iso(notAfter)}` };
  return null;
}

/** A command fails `expired` only once its notAfter has passed. */
export function checkExpiry(table: CommandTable, row: number, at: Instant): Broken | null {
  const notAfter = table.notAfter[row] as number;
  if (at > notAfter) return null;
  return { invariant: "expire-after-not-after", message: `expired although notAfter is ${iso(notAfter)}` };
}

/** The ground's final outcome must be one the spacecraft reported (reports converge to the truth). */
export function checkOutcome(
  kind: StateKind,
  failureReason: FailureReason | null,
  outcome: number,
): Broken | null {
  if (kind === "executed" && outcome !== OUTCOME_EXECUTED) {
    return outcomeBroken("ended executed, but the spacecraft did not execute it");
  }
  if (kind === "failed" && failureReason === "completion_failed" && outcome !== OUTCOME_FAILED) {
    return outcomeBroken("ended completion_failed, but execution did not fail on board");
  }
  if (kind === "failed" && failureReason === "rejected" && outcome !== OUTCOME_REJECTED) {
    return outcomeBroken("ended rejected, but the spacecraft did not reject it");
  }
  return null;
}

function outcomeBroken(message: string): Broken {
  return { invariant: "outcome-matches-spacecraft", message };
}

/** The furthest instant a Date can show (ECMAScript's limit). */
const MAX_DATE = 8.64e15;

/** An instant as RFC 3339, or its text when a date cannot show it. */
export function iso(at: number): string {
  return Number.isFinite(at) && Math.abs(at) <= MAX_DATE ? new Date(at).toISOString() : String(at);
}
