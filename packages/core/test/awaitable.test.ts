import { describe, expect, it } from "vitest";
import {
  type Awaitable,
  all,
  andThen,
  isPromiseLike,
  ready,
  runTask,
  type Task,
  wait,
} from "../src/awaitable.js";

function* addBoth(a: Awaitable<number>, b: Awaitable<number>): Task<number> {
  const x = yield* wait(a);
  const y = yield* wait(b);
  return x + y;
}

describe("awaitable", () => {
  it("stays synchronous while every answer is ready", () => {
    expect(andThen(2, (x) => x * 3)).toBe(6);
    expect(all([1, 2, 3])).toEqual([1, 2, 3]);
    expect(runTask(addBoth(1, 2))).toBe(3);
  });

  it("turns into a promise at the first answer that is one", async () => {
    const later = andThen(Promise.resolve(2), (x) => x * 3);
    expect(isPromiseLike(later)).toBe(true);
    expect(await later).toBe(6);
    expect(await all([1, Promise.resolve(2)])).toEqual([1, 2]);
    const task = runTask(addBoth(1, Promise.resolve(2)));
    expect(isPromiseLike(task)).toBe(true);
    expect(await task).toBe(3);
  });

  it("throws a task's error synchronously, and a rejection into the task where it may be caught", async () => {
    function* failing(): Task<number> {
      yield* wait(1);
      throw new Error("boom");
    }
    expect(() => runTask(failing())).toThrow("boom");
    function* catching(): Task<string> {
      try {
        yield* wait(Promise.reject(new Error("refused")));
        return "not reached";
      } catch (error) {
        return `caught ${(error as Error).message}`;
      }
    }
    expect(await runTask(catching())).toBe("caught refused");
    function* rethrowing(): Task<number> {
      yield* wait(Promise.resolve(1));
      throw new Error("after a promise");
    }
    await expect(runTask(rethrowing())).rejects.toThrow("after a promise");
  });

  it("refuses a promise where a ready value is needed", () => {
    expect(ready(5)).toBe(5);
    expect(() => ready(Promise.resolve(5), "the repository")).toThrow(
      /the repository answered with a promise/,
    );
  });
});
