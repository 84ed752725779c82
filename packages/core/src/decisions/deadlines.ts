import type { StateDefinition } from "../lifecycle/lifecycle-definition.js";
import type { Timeouts } from "../services/timeouts.js";
import type { CommandProfile, Instant } from "../types.js";

/**
 * The first instant at which a command with this `notAfter` is expired: instants are whole
 * milliseconds, a command may still be sent at its `notAfter` (SPEC §1: "nor after notAfter"),
 * and it fails `expired` the millisecond after.
 */
export function expiryInstant(notAfter: Instant): Instant {
  return notAfter + 1;
}

/** Whether `notAfter` has passed at `now` (the command may no longer be sent). */
export function hasExpired(notAfter: Instant | null, now: Instant): boolean {
  return notAfter !== null && now > notAfter;
}

/**
 * The deadline a command gets on entering `state` at `at`: the acceptance or execution timeout
 * of a state that has one; for a queued state from which the command can expire, the instant
 * its `notAfter` passes (SPEC §1: a `ready` command fails `expired` then, in contact or not);
 * none otherwise. The timeout watcher fires each deadline; the event it sends is
 * {@link deadlineEventOf}'s.
 */
export function deadlineOf(
  state: StateDefinition,
  canExpire: boolean,
  notAfter: Instant | null,
  at: Instant,
  timeouts: Timeouts,
): Instant | null {
  if (state.timeout === "acceptance") return at + timeouts.acceptanceMs;
  if (state.timeout === "execution") return at + timeouts.executionMs;
  if (canExpire && notAfter !== null) return expiryInstant(notAfter);
  return null;
}

/**
 * The event a passed deadline sends: `EXPIRE` for a command not yet sent (queued, or waiting
 * for approval), `TIMEOUT` for one awaiting a report.
 */
export function deadlineEventOf(state: StateDefinition): "EXPIRE" | "TIMEOUT" {
  return state.kind === "queued" || state.kind === "approval" ? "EXPIRE" : "TIMEOUT";
}

/**
 * The timeouts a command runs under: its own, from its dictionary entry (SPEC §9: per-command
 * timeouts override the defaults), over the service's. The service's object itself when the
 * command has none of its own, so that the common case allocates nothing.
 */
export function timeoutsOf(profile: CommandProfile | null, defaults: Timeouts): Timeouts {
  if (profile === null || (profile.acceptanceMs === null && profile.executionMs === null)) return defaults;
  return {
    acceptanceMs: profile.acceptanceMs ?? defaults.acceptanceMs,
    executionMs: profile.executionMs ?? defaults.executionMs,
  };
}
