import type { Awaitable } from "../awaitable.js";

/** The value of every named counter that has been added to (a name never added to reads as absent: 0). */
export type CounterValues = Readonly<Record<string, number>>;

/**
 * Named, monotonic counters kept where every process of a deployment sees the same values and
 * a restart finds them again (`/api/stats`: refused and duplicate submissions, the downlink's
 * duplicates, conflicts and gaps). An add is durable once its answer settles; adds from
 * several processes to one name all count.
 *
 * Answers are {@link Awaitable}: the in-memory adapter answers at once (the simulator), the
 * database adapter with promises.
 *
 * @example
 * await counters.add(SUBMISSION_COUNTERS.rejected, 1);
 * (await counters.read())[SUBMISSION_COUNTERS.rejected] ?? 0; // 1
 */
export interface Counters {
  /**
   * Adds `n` (a whole number ≥ 0, default 1) to the counter `name` (1 to
   * {@link MAX_COUNTER_NAME_LENGTH} characters); a counter starts at 0. Throws a `RangeError`
   * for a bad name or amount before storing anything.
   */
  add(name: string, n?: number): Awaitable<void>;
  /** Every counter's current value. */
  read(): Awaitable<CounterValues>;
}

/** The longest counter name: room for a prefix and a dictionary category (≤ 1 024 characters). */
export const MAX_COUNTER_NAME_LENGTH = 1_200;

/**
 * The argument check every {@link Counters} adapter makes, so that they refuse the same things.
 *
 * @example
 * checkCounterAdd("rejectedSubmissions", 1); // passes
 * checkCounterAdd("", 1); // RangeError
 */
export function checkCounterAdd(name: string, n: number): void {
  if (typeof name !== "string" || name.length === 0 || name.length > MAX_COUNTER_NAME_LENGTH) {
    throw new RangeError(
      `a counter name is 1 to ${MAX_COUNTER_NAME_LENGTH} characters, not ${JSON.stringify(name)}`,
    );
  }
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`counter ${name}: an amount is a whole number ≥ 0, not ${n}`);
  }
}

export const COUNTERS = Symbol.for("uplink.Counters");
