import type { Awaitable } from "../awaitable.js";
import type {
  FailureReason,
  HistoryEntry,
  Instant,
  Page,
  StampField,
  Telecommand,
  TelecommandStatus,
  TransitionSource,
} from "../types.js";

/** An idempotency key and the fingerprint of the request body it was first used with. */
export interface IdempotencyClaim {
  readonly key: string;
  readonly fingerprint: string;
}

export interface InsertResult {
  readonly command: Telecommand;
  /** False when an earlier insert with the same idempotency key and fingerprint is returned. */
  readonly created: boolean;
  /** The first history row (`null → initial`) when created. */
  readonly entry: HistoryEntry | null;
}

/**
 * The instants a transition stamps. Every field may be present and undefined (the service builds
 * them all, so that every change has one shape on the hot path); undefined means left as stored.
 */
export type TransitionStamps = { [K in StampField]?: Instant | undefined };

/** One applied transition: compare-and-set on `expectedVersion`, plus its history row. */
export interface TransitionChange {
  readonly id: string;
  readonly expectedVersion: number;
  readonly from: TelecommandStatus;
  readonly to: TelecommandStatus;
  readonly failureReason: FailureReason | null;
  /** The instants this change stamps; a field left undefined keeps its stored value. */
  readonly stamps: TransitionStamps;
  /** The new deadline (acceptance or execution timeout), or null. */
  readonly deadline: Instant | null;
  readonly at: Instant;
  readonly reason: string | null;
  readonly source: TransitionSource;
  /** Who made the change (SPEC §10), kept in its history row. */
  readonly actor: string;
  /**
   * The command's `held` flag after the change; undefined keeps it. A hold or a release sets it
   * (and is the entry's `kind`); a change of status ends any hold.
   */
  readonly held?: boolean | undefined;
  /** The history entry's kind; undefined: `transition`. */
  readonly kind?: "hold" | "release" | undefined;
}

export type TransitionOutcome =
  | { readonly ok: true; readonly command: Telecommand; readonly entry: HistoryEntry }
  /** The version moved on (another writer won) or the command does not exist (`current` null). */
  | { readonly ok: false; readonly current: Telecommand | null };

/** The outcome of a chain of changes to one command: all of them applied, or none. */
export type TransitionChainOutcome =
  | {
      readonly ok: true;
      /** The command after the last change. */
      readonly command: Telecommand;
      /** One history entry per change, in order. */
      readonly entries: readonly HistoryEntry[];
    }
  /** The first compare-and-set failed (see {@link TransitionOutcome}); nothing was applied. */
  | { readonly ok: false; readonly current: Telecommand | null };

/**
 * An entry recorded without changing the command: an event that was not applied (late or
 * duplicate report, final state), or with `kind: "comment"` an operator's comment (its text in
 * `reason`, not marked ignored).
 */
export interface IgnoredEvent {
  readonly id: string;
  readonly at: Instant;
  readonly reason: string;
  readonly source: TransitionSource;
  readonly actor: string;
  readonly kind?: "comment";
}

export interface ListQuery {
  readonly status?: TelecommandStatus | undefined;
  readonly spacecraftId?: string | undefined;
  /** 1..500. */
  readonly limit: number;
  /** Opaque, from a previous page's `nextCursor`. */
  readonly cursor?: string | null | undefined;
}

/**
 * The commands and the history rows their writes append: insert, read, list, and change them by
 * compare-and-set. Every method is atomic; `transition` appends its history row in the same step.
 * Part of the `TelecommandRepository` (one storage holds all its concerns).
 *
 * Each method answers with an {@link Awaitable}: at once when the adapter has the answer (the
 * in-memory repository, which also throws its errors at once), or with a promise (PostgreSQL).
 * Core's services run synchronously on the first and asynchronously on the second.
 */
export interface CommandStore {
  /**
   * Stores a new command (version 1, with its first history row `null → initial`, whose actor
   * is the command's `submittedBy`). With an
   * idempotency claim whose key exists: the same fingerprint returns the stored command
   * (`created: false`), another fingerprint throws `IdempotencyConflictError`.
   */
  insert(
    command: Telecommand,
    idempotency?: IdempotencyClaim,
    source?: TransitionSource,
  ): Awaitable<InsertResult>;
  get(id: string): Awaitable<Telecommand | null>;
  /** Newest first (by `createdAt`, then id); stable under concurrent inserts. */
  list(query: ListQuery): Awaitable<Page<Telecommand>>;
  /**
   * `before`, when the caller has it, is the command at `change.expectedVersion`: an adapter
   * may then answer with `changedCommand(before, change)` instead of reading the command back.
   */
  transition(change: TransitionChange, before?: Telecommand): Awaitable<TransitionOutcome>;
  /**
   * Optional. Applies changes that follow one another on one command (each one expects the
   * version and status the previous one leaves) in one atomic step, as `transition` would one
   * after another: all of them, or none when the first compare-and-set fails. Services fall back
   * to `transition` without it.
   */
  transitionChain?(changes: readonly TransitionChange[]): Awaitable<TransitionChainOutcome>;
  recordIgnored(event: IgnoredEvent): Awaitable<HistoryEntry | null>;
}
