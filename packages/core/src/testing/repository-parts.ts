import type { CommandHistory } from "../ports/command-history.js";
import type { CommandStats } from "../ports/command-stats.js";
import type { CommandStore } from "../ports/command-store.js";
import type { DispatchQueue } from "../ports/dispatch-queue.js";
import type { TelecommandRepository } from "../ports/telecommand-repository.js";

/**
 * The concerns of a telecommand storage, as the contract suites take them: each suite tests its
 * own and uses the others only to set up and to observe (a queue's commands are inserted through
 * the store; a store's writes are seen in the history).
 */
export interface RepositoryParts {
  readonly store: CommandStore;
  readonly queue: DispatchQueue;
  readonly history: CommandHistory;
  readonly stats: CommandStats;
}

/** Every concern of a {@link TelecommandRepository}, which holds them all. */
export function partsOf(repository: TelecommandRepository): RepositoryParts {
  return { store: repository, queue: repository, history: repository, stats: repository };
}
