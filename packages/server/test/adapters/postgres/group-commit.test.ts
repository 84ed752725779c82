import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GroupCommit } from "../../../src/adapters/postgres/group-commit.js";

interface Item {
  readonly key: string;
  readonly value: number;
}

/** A flush that records its batches and completes when told to. */
function recorder() {
  const batches: Item[][] = [];
  const releases: (() => void)[] = [];
  const flush = (items: Item[]) =>
    new Promise<number[]>((resolve) => {
      batches.push(items);
      releases.push(() => resolve(items.map((i) => i.value * 10)));
    });
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((done) => setImmediate(done));
    }
  };
  return { batches, flush, releaseAll };
}

const item = (key: string, value: number): Item => ({ key, value });

describe("GroupCommit", () => {
  it("sends calls made together in one flush, each getting its own result", async () => {
    const { batches, flush, releaseAll } = recorder();
    const group = new GroupCommit(flush, { maxBatch: 100, maxInFlight: 1, keyOf: (i: Item) => i.key });
    const results = Promise.all([1, 2, 3].map((v) => group.submit(item(`k${v}`, v))));
    await Promise.resolve();
    await releaseAll();
    expect(await results).toEqual([10, 20, 30]);
    expect(batches.map((b) => b.length)).toEqual([3]);
  });

  it("coalesces calls that arrive while a flush is in flight, up to maxBatch", async () => {
    const { batches, flush, releaseAll } = recorder();
    const group = new GroupCommit(flush, { maxBatch: 2, maxInFlight: 1, keyOf: (i: Item) => i.key });
    const first = group.submit(item("a", 1));
    await Promise.resolve();
    const later = [2, 3, 4, 5].map((v) => group.submit(item(`k${v}`, v)));
    await releaseAll();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40, 50]);
    expect(batches.map((b) => b.map((i) => i.value))).toEqual([[1], [2, 3], [4, 5]]);
  });

  it("keeps one key out of a batch and out of concurrent flushes, in call order", async () => {
    const { batches, flush, releaseAll } = recorder();
    const group = new GroupCommit(flush, { maxBatch: 10, maxInFlight: 3, keyOf: (i: Item) => i.key });
    const all = Promise.all(
      [item("x", 1), item("x", 2), item("y", 3), item("x", 4)].map((i) => group.submit(i)),
    );
    await Promise.resolve();
    await releaseAll();
    expect(await all).toEqual([10, 20, 30, 40]);
    expect(batches.map((b) => b.map((i) => i.value))).toEqual([[1, 3], [2], [4]]);
  });

  it("runs up to maxInFlight flushes at once", async () => {
    const { batches, flush, releaseAll } = recorder();
    const group = new GroupCommit(flush, { maxBatch: 1, maxInFlight: 2, keyOf: (i: Item) => i.key });
    const all = Promise.all([1, 2, 3].map((v) => group.submit(item(`k${v}`, v))));
    await Promise.resolve();
    expect(batches).toHaveLength(2);
    await releaseAll();
    expect(await all).toEqual([10, 20, 30]);
    expect(batches).toHaveLength(3);
  });

  it("holds a few calls while a flush is in flight and sends them together once it is done", async () => {
    const { batches, flush, releaseAll } = recorder();
    const group = new GroupCommit(flush, {
      maxBatch: 100,
      maxInFlight: 4,
      minBatchWhileBusy: 3,
      keyOf: (i: Item) => i.key,
    });
    const first = group.submit(item("a", 1));
    await Promise.resolve();
    expect(batches).toHaveLength(1);
    const later = [2, 3].map((v) => group.submit(item(`k${v}`, v)));
    await new Promise((done) => setImmediate(done));
    expect(batches).toHaveLength(1);
    await releaseAll();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30]);
    expect(batches.map((b) => b.map((i) => i.value))).toEqual([[1], [2, 3]]);
  });

  it("starts another flush beside a running one once minBatchWhileBusy calls wait", async () => {
    const { batches, flush, releaseAll } = recorder();
    const group = new GroupCommit(flush, {
      maxBatch: 100,
      maxInFlight: 4,
      minBatchWhileBusy: 3,
      keyOf: (i: Item) => i.key,
    });
    const all = [group.submit(item("a", 1))];
    await Promise.resolve();
    all.push(...[2, 3, 4].map((v) => group.submit(item(`k${v}`, v))));
    await Promise.resolve();
    expect(batches.map((b) => b.map((i) => i.value))).toEqual([[1], [2, 3, 4]]);
    await releaseAll();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40]);
  });

  it("gives every call its own result, per key in call order, whatever minBatchWhileBusy", async () => {
    const arrival = fc.record({ key: fc.constantFrom("a", "b", "c", "d", "e", "f"), release: fc.nat(3) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(arrival, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 10 }),
        async (arrivals, minBatchWhileBusy, maxInFlight, maxBatch) => {
          const { batches, flush, releaseAll } = recorder();
          const inFlightAtStart: number[] = [];
          let running = 0;
          let submitted = 0;
          let flushed = 0;
          const counted = async (items: Item[]) => {
            // Beside a running flush, one starts only with enough calls waiting.
            if (running > 0) expect(submitted - flushed).toBeGreaterThanOrEqual(minBatchWhileBusy);
            flushed += items.length;
            inFlightAtStart.push(running++);
            try {
              return await flush(items);
            } finally {
              running--;
            }
          };
          const group = new GroupCommit(counted, {
            maxBatch,
            maxInFlight,
            minBatchWhileBusy,
            keyOf: (i) => i.key,
          });
          const calls = arrivals.map(async ({ key, release }, value) => {
            submitted++;
            const result = group.submit(item(key, value));
            // Some flushes complete between arrivals, others later.
            for (let i = 0; i < release; i++) await Promise.resolve();
            return result;
          });
          await Promise.resolve();
          await releaseAll();
          expect(await Promise.all(calls)).toEqual(arrivals.map((_, value) => value * 10));
          for (const key of new Set(arrivals.map((a) => a.key))) {
            const order = batches
              .flat()
              .filter((i) => i.key === key)
              .map((i) => i.value);
            expect(order).toEqual([...order].sort((x, y) => x - y));
          }
          expect(Math.max(...inFlightAtStart)).toBeLessThan(maxInFlight);
          expect(batches.every((b) => b.length <= maxBatch)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("fails only the items of a failed flush", async () => {
    let calls = 0;
    const group = new GroupCommit(
      async (items: Item[]) => {
        calls++;
        if (calls === 1) throw new Error("first flush failed");
        return items.map((i) => i.value);
      },
      { maxBatch: 1, maxInFlight: 1, keyOf: (i: Item) => i.key },
    );
    const [a, b] = await Promise.allSettled([group.submit(item("a", 1)), group.submit(item("b", 2))]);
    expect(a).toMatchObject({ status: "rejected", reason: { message: "first flush failed" } });
    expect(b).toEqual({ status: "fulfilled", value: 2 });
  });
});
