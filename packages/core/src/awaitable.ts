/**
 * Sans-I/O plumbing: how core's services run both synchronously and asynchronously from one
 * implementation.
 *
 * A port answers with an {@link Awaitable}: the value itself when it has it at once (core's
 * in-memory adapters, the simulator), or a promise of it (PostgreSQL). A service written with
 * {@link andThen}, {@link all} or as a {@link Task} run by {@link runTask} stays synchronous as
 * long as every answer it gets is, and turns into a promise at the first answer that is one.
 * So the simulator, whose ports all answer at once, runs the server's own services on its
 * virtual clock with no promise and no microtask, and the server runs them on PostgreSQL.
 */

/** A value now, or a promise of it. */
export type Awaitable<T> = T | PromiseLike<T>;

/** A service's flow written as a generator: `const x = yield* wait(port.call())`. */
export type Task<T> = Generator<unknown, T, unknown>;

/** True for a promise or any other thenable. */
export function isPromiseLike<T>(value: Awaitable<T>): value is PromiseLike<T> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

// Not named `then`: a module that exports `then` is a thenable, and `await import()` would call it.
/** Calls `next` with the value: at once when it is ready, after it settles when it is a promise. */
export function andThen<T, R>(value: Awaitable<T>, next: (value: T) => Awaitable<R>): Awaitable<R> {
  return isPromiseLike(value) ? Promise.resolve(value).then(next) : next(value);
}

/** The values in order: an array at once when every one is ready, else a promise of it. */
export function all<T>(values: readonly Awaitable<T>[]): Awaitable<T[]> {
  for (const value of values) if (isPromiseLike(value)) return Promise.all(values);
  return values as T[];
}

/** Always a promise: for a public API that promises, over a service that may answer at once. */
export function toPromise<T>(value: Awaitable<T>): Promise<T> {
  return Promise.resolve(value);
}

/**
 * What `run` answers, always as a promise, with its error as a rejection whether it throws at
 * once or rejects: for a caller written for promises (`.then`, `.catch`) over a service that
 * may answer at once.
 *
 * @example
 * promiseOf(() => service.cancel(id)).catch((error) => log(error));
 */
export function promiseOf<T>(run: () => Awaitable<T>): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The value of an answer that must be ready: the simulator's ports never return promises, so
 * one here is a port wired wrongly, and throwing beats silently leaving the virtual clock.
 */
export function ready<T>(value: Awaitable<T>, what = "a synchronous port"): T {
  if (isPromiseLike(value)) throw new TypeError(`${what} answered with a promise where a value was needed`);
  return value;
}

/** Inside a {@link Task}: waits for an answer and gives its value, typed. */
export function* wait<T>(value: Awaitable<T>): Generator<unknown, T, unknown> {
  return (yield value) as T;
}

/**
 * Runs a task: synchronously while every value it waits for is ready, returning its result (or
 * throwing its error); from the first promise on, asynchronously, returning a promise of it.
 */
export function runTask<T>(task: Task<T>): Awaitable<T> {
  let step = task.next();
  while (!step.done) {
    const value = step.value;
    if (isPromiseLike(value)) return resumeAsync(task, value);
    step = task.next(value);
  }
  return step.value;
}

async function resumeAsync<T>(task: Task<T>, pending: PromiseLike<unknown>): Promise<T> {
  let value: unknown = pending;
  for (;;) {
    let step: IteratorResult<unknown, T>;
    if (isPromiseLike(value)) {
      let settled: unknown;
      let failed = false;
      try {
        settled = await value;
      } catch (error) {
        failed = true;
        settled = error;
      }
      // A rejected answer is thrown into the task at its `wait`, where it may be caught.
      step = failed ? task.throw(settled) : task.next(settled);
    } else {
      step = task.next(value);
    }
    if (step.done) return step.value;
    value = step.value;
  }
}
