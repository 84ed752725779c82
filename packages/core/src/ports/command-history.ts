import type { Awaitable } from "../awaitable.js";
import type { HistoryEntry } from "../types.js";

/**
 * The append-only history the command store writes: one command's, and everybody's in event id
 * order (the event stream's replay). Part of the `TelecommandRepository`.
 */
export interface CommandHistory {
  /** A command's history, oldest first. */
  history(id: string): Awaitable<HistoryEntry[]>;
  /**
   * The histories of several commands, each oldest first, in the order of `ids` (an unknown id:
   * an empty history): one read for a page of commands, where {@link history} would be one each.
   */
  histories(ids: readonly string[]): Awaitable<HistoryEntry[][]>;
  /** History entries of every command with `eventId > after`, in `eventId` order (for stream resumption). */
  historyAfter(after: number, limit: number): Awaitable<HistoryEntry[]>;
}
