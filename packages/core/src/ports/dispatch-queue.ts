import type { Awaitable } from "../awaitable.js";
import type { Instant, Telecommand, TelecommandStatus } from "../types.js";

/**
 * A claim: what a sender asks the repository for. One owner serves a spacecraft's queue at a
 * time, as one link does: a claim takes nothing of a spacecraft that another owner holds, and
 * holds each spacecraft it takes commands of until `now + leaseMs` (the hold's expiry, like a
 * command lease's, lets another sender take over from one that crashed).
 */
export interface ClaimRequest {
  /** The claiming sender's identity. */
  readonly owner: string;
  readonly now: Instant;
  /** The claim expires at `now + leaseMs` unless finished or released first. */
  readonly leaseMs: number;
  readonly limit: number;
  /** Statuses the sender transmits from (the lifecycle's queued statuses). */
  readonly statuses: readonly TelecommandStatus[];
  /** Only these spacecraft (those in contact); all when absent. */
  readonly spacecraftIds?: readonly string[];
}

/**
 * The queue the senders take commands from: claims under leases and holds, their release, and
 * what a sender asks to know when to wake (which spacecraft wait, the next `notBefore`, overdue
 * deadlines). Part of the `TelecommandRepository`.
 */
export interface DispatchQueue {
  /**
   * Leases up to `limit` commands in `statuses` that no live lease holds, whose `notBefore` has
   * passed, in dispatch order (highest priority first, then oldest first), of spacecraft that no
   * other owner holds; holds the spacecraft it leases commands of (see {@link ClaimRequest}).
   * Fewer than `limit` means that no more were claimable when it ran, even with other claimers
   * at work: the sender stops claiming until its next wake-up on a short claim.
   */
  claim(request: ClaimRequest): Awaitable<Telecommand[]>;
  /**
   * Gives back leases held by `owner`: of the listed commands, or of all its commands and
   * spacecraft when `ids` is absent.
   */
  release(owner: string, ids?: readonly string[]): Awaitable<void>;
  /** The spacecraft that have at least one command in `statuses` (the sender asks which are in contact). */
  spacecraftWithQueued(statuses: readonly TelecommandStatus[]): Awaitable<string[]>;
  /** The earliest `notBefore` after `now` among commands in `statuses` (to know when to wake). */
  nextNotBefore(statuses: readonly TelecommandStatus[], now: Instant): Awaitable<Instant | null>;
  /** Non-final commands whose deadline is at or before `now`, oldest deadline first. */
  overdue(now: Instant, limit: number): Awaitable<Telecommand[]>;
}
