import type { HistoryEntry } from "@uplink/core";

/** Reads history entries after an event id, in event id order (a repository's `historyAfter`). */
export type HistoryReader = (after: number, limit: number) => Promise<readonly HistoryEntry[]>;

/**
 * The highest event id in a history whose ids run from 1 without gaps (every repository's),
 * found with about 2·log₂(n) one-row reads: whether any entry is past an id tells on which
 * side of the last one it lies. For repositories that cannot read their counter directly
 * (core's in-memory one); the PostgreSQL repository reads it in one statement.
 *
 * @example
 * await searchLastEventId((after, limit) => repository.historyAfter(after, limit)); // 0 when empty
 */
export async function searchLastEventId(historyAfter: HistoryReader): Promise<number> {
  const past = async (id: number) => (await historyAfter(id, 1)).length > 0;
  if (!(await past(0))) return 0;
  // Gallop to a bound the history does not pass, then halve the range [low, high).
  let low = 1;
  let high = 2;
  while (await past(high - 1)) {
    low = high;
    high *= 2;
  }
  // Invariant: an entry exists past low - 1 (so last ≥ low), none past high - 1 (so last < high).
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await past(middle - 1)) low = middle;
    else high = middle;
  }
  return low;
}
