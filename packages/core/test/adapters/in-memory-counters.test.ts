import { expect, it } from "vitest";
import { InMemoryCounters } from "../../src/adapters/in-memory-counters.js";
import { runCountersContract } from "../../src/testing/index.js";

runCountersContract("InMemoryCounters", () => {
  const counters = new InMemoryCounters();
  // Its storage is the instance: a peer is the instance itself.
  return { counters, peer: counters };
});

it("answers at once, without a promise, so that the simulator's services stay synchronous", () => {
  const counters = new InMemoryCounters();
  expect(counters.add("a", 2)).toBeUndefined();
  expect(counters.read()).toEqual({ a: 2 });
});
