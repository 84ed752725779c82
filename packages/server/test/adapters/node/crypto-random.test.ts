import { SeededRandom } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { CryptoRandom, createRandom } from "../../../src/adapters/node/crypto-random.js";

describe("CryptoRandom", () => {
  it("draws numbers in [0, 1) spread over the range, across pool refills", () => {
    const random = new CryptoRandom();
    const buckets = new Array<number>(10).fill(0);
    const draws = Array.from({ length: 5000 }, () => random.next());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    for (const x of draws) buckets[Math.floor(x * 10)] = (buckets[Math.floor(x * 10)] as number) + 1;
    // 500 expected per bucket; 350 is more than six standard deviations below.
    for (const count of buckets) expect(count).toBeGreaterThan(350);
  });
});

describe("createRandom", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = createRandom(7);
    const b = createRandom(7);
    expect(a).toBeInstanceOf(SeededRandom);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it("uses the system's randomness without a seed", () => {
    const a = createRandom(null);
    const b = createRandom(null);
    expect(a).toBeInstanceOf(CryptoRandom);
    expect(a.next()).not.toBe(b.next());
  });
});
