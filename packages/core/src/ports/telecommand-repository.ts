import type { CommandHistory } from "./command-history.js";
import type { CommandStats } from "./command-stats.js";
import type { CommandStore } from "./command-store.js";
import type { DispatchQueue } from "./dispatch-queue.js";

export type { CommandHistory } from "./command-history.js";
export type { CommandStats } from "./command-stats.js";
export type {
  CommandStore,
  IdempotencyClaim,
  IgnoredEvent,
  InsertResult,
  ListQuery,
  TransitionChainOutcome,
  TransitionChange,
  TransitionOutcome,
  TransitionStamps,
} from "./command-store.js";
export type { ClaimRequest, DispatchQueue } from "./dispatch-queue.js";

/**
 * Durable storage of telecommands, by concern: the {@link CommandStore} (commands and the
 * history rows their writes append), the {@link DispatchQueue} (claims, leases, holds, what the
 * senders wake for), the {@link CommandHistory} (reads of the history) and the
 * {@link CommandStats}. One adapter holds them all, as one database does: each concern has its
 * own contract suite in `@uplink/core/testing`, and each service asks only for the concerns it
 * uses.
 */
export interface TelecommandRepository extends CommandStore, DispatchQueue, CommandHistory, CommandStats {}

export const TELECOMMAND_REPOSITORY = Symbol.for("uplink.TelecommandRepository");
