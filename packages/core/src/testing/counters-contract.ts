import { describe, expect, it } from "vitest";
import { type Counters, MAX_COUNTER_NAME_LENGTH } from "../ports/counters.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";

/** One test's counters, all at 0, and how to dispose of them. */
export interface CountersUnderTest extends ContractSubject {
  readonly counters: Counters;
  /**
   * Another adapter over the same storage, as a second process (or a restarted one) opens it;
   * for an adapter whose storage is its instance (the in-memory one), that instance.
   */
  readonly peer: Counters;
}

/** Makes counters, all at 0, for one test (see {@link RepositoryFactory} for slow adapters). */
export type CountersFactory = () => Promise<CountersUnderTest> | CountersUnderTest;

/**
 * The contract every {@link Counters} adapter must pass (vitest): counters start at 0 and
 * absent from `read`, each add counts exactly once (also when many run at once, and from a
 * peer over the same storage), names are independent, an add of 0 stores nothing, and bad
 * names or amounts are refused with a `RangeError` before anything is stored.
 *
 * @example
 * runCountersContract("InMemoryCounters", () => ({ counters: new InMemoryCounters() }));
 */
export function runCountersContract(name: string, make: CountersFactory, hooks: ContractHooks = {}): void {
  describe(`${name} (Counters contract)`, () => {
    const subject = useContractSubject(make, hooks);
    const counters = () => subject().counters;
    const read = async (from: Counters = counters()) => ({ ...(await from.read()) });

    it("starts with no counter", async () => {
      expect(await read()).toEqual({});
    });

    it("adds 1 by default, any whole amount when given, per name", async () => {
      await counters().add("a");
      await counters().add("a", 4);
      await counters().add("b", 2);
      expect(await read()).toEqual({ a: 5, b: 2 });
    });

    it("stores nothing for an add of 0", async () => {
      await counters().add("zero", 0);
      expect(await read()).toEqual({});
      await counters().add("a", 3);
      await counters().add("a", 0);
      expect(await read()).toEqual({ a: 3 });
    });

    it("counts every one of many adds made at once", async () => {
      const names = ["x", "y", "z"];
      await Promise.all(
        Array.from({ length: 90 }, (_, i) => counters().add(names[i % 3] as string, 1 + (i % 2))),
      );
      expect(await read()).toEqual({ x: 45, y: 45, z: 45 });
    });

    it("keeps whole numbers beyond 32 bits exactly", async () => {
      await counters().add("big", 2 ** 40);
      await counters().add("big", 2 ** 40 + 1);
      expect(await read()).toEqual({ big: 2 ** 41 + 1 });
    });

    it("answers a snapshot that later adds do not change", async () => {
      await counters().add("a", 1);
      const before = await counters().read();
      await counters().add("a", 1);
      expect(before).toEqual({ a: 1 });
    });

    it("refuses a bad name or amount with a RangeError, storing nothing", async () => {
      const bad: Array<[string, number]> = [
        ["", 1],
        ["n".repeat(MAX_COUNTER_NAME_LENGTH + 1), 1],
        ["a", -1],
        ["a", 1.5],
        ["a", Number.NaN],
        ["a", Number.POSITIVE_INFINITY],
      ];
      for (const [counter, n] of bad) {
        await expect(Promise.resolve().then(() => counters().add(counter, n))).rejects.toThrow(RangeError);
      }
      expect(await read()).toEqual({});
    });

    it("sums adds made through a peer over the same storage, and shows it to both", async () => {
      const peer = subject().peer;
      await Promise.all([counters().add("shared", 2), peer.add("shared", 3), peer.add("other")]);
      expect(await read()).toEqual({ shared: 5, other: 1 });
      expect(await read(peer)).toEqual({ shared: 5, other: 1 });
    });
  });
}
