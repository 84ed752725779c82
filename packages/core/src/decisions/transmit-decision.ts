import type { Random } from "../ports/random.js";
import type { ContactWindow, Instant, Telecommand } from "../types.js";
import { hasExpired } from "./deadlines.js";
import { type InhibitSet, isInhibited } from "./inhibit-decision.js";

/** What the sender does with a claimed command whose turn has come. */
export type TransmitDecision =
  | { readonly kind: "transmit" }
  /** `notAfter` has passed: the command fails `expired`. */
  | { readonly kind: "expire" }
  /** Its name or category is inhibited on its spacecraft now (SPEC §9): it fails `inhibited`, unsent. */
  | { readonly kind: "inhibit" }
  /**
   * Not now: out of contact (or before `notBefore`). The command goes back to the queue until
   * `until` (the next window, or `notBefore`), or for good when no window will open (null).
   */
  | { readonly kind: "wait"; readonly until: Instant | null };

const TRANSMIT: TransmitDecision = Object.freeze({ kind: "transmit" });
const EXPIRE: TransmitDecision = Object.freeze({ kind: "expire" });
const INHIBIT: TransmitDecision = Object.freeze({ kind: "inhibit" });

/**
 * SPEC §1, §2 and §9 at the instant a command's transmit delay ends: never sent once its
 * spacecraft inhibits it (`inhibits`, null for none), expired once `notAfter` has passed, else
 * sent only inside a contact window (`window` is the contact plan's answer for `now`) and not
 * before `notBefore`.
 */
export function decideTransmission(
  command: Pick<Telecommand, "notBefore" | "notAfter" | "name" | "profile">,
  now: Instant,
  window: ContactWindow | null,
  inhibits: InhibitSet | null = null,
): TransmitDecision {
  if (isInhibited(command, inhibits)) return INHIBIT;
  if (hasExpired(command.notAfter, now)) return EXPIRE;
  if (window === null) return { kind: "wait", until: null };
  const notBefore = command.notBefore;
  if (now < window.start || (notBefore !== null && now < notBefore)) {
    return { kind: "wait", until: Math.max(window.start, notBefore ?? window.start) };
  }
  return TRANSMIT;
}

/** SPEC §2: a uniform random whole number of milliseconds from 0 to `maxMs`. */
export function transmitDelay(random: Random, maxMs: number): number {
  return Math.floor(random.next() * (maxMs + 1));
}
