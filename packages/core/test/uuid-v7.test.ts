import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../src/adapters/seeded-random.js";
import { isUuid, uuidV7 } from "../src/uuid-v7.js";

const instant = fc.integer({ min: 0, max: 2 ** 48 - 1 });

/** The first implementation, kept as the reference the fast one must equal. */
function referenceUuidV7(at: number, random: { next(): number }): string {
  const hex = (n: number, digits: number) => n.toString(16).padStart(digits, "0").slice(-digits);
  const ms = Math.max(0, Math.floor(at));
  const high = Math.floor(ms / 0x1000000);
  const low = ms % 0x1000000;
  const r1 = Math.floor(random.next() * 0x1000000);
  const r2 = Math.floor(random.next() * 0x1000000);
  const r3 = Math.floor(random.next() * 0x1000000);
  const r4 = Math.floor(random.next() * 0x100);
  return [
    hex(high & 0xffffff, 6),
    hex((low >>> 16) & 0xff, 2),
    "-",
    hex(low & 0xffff, 4),
    "-",
    hex(0x70 | ((r1 >>> 16) & 0x0f), 2),
    hex((r1 >>> 8) & 0xff, 2),
    "-",
    hex(0x80 | (r1 & 0x3f), 2),
    hex((r2 >>> 16) & 0xff, 2),
    "-",
    hex(r2 & 0xffff, 4),
    hex(r3 & 0xffffff, 6),
    hex(r4 & 0xff, 2),
  ].join("");
}

describe("uuidV7", () => {
  it("is a version 7, variant 10 UUID that carries its millisecond timestamp", () => {
    fc.assert(
      fc.property(instant, fc.integer(), (at, seed) => {
        const id = uuidV7(at, new SeededRandom(seed));
        expect(isUuid(id)).toBe(true);
        expect(id[14]).toBe("7");
        expect(["8", "9", "a", "b"]).toContain(id[19]);
        expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
      }),
    );
  });

  it("equals the reference implementation for any instant and seed", () => {
    fc.assert(
      fc.property(
        fc.oneof(instant, fc.double({ min: -1e3, max: 2 ** 50, noNaN: true })),
        fc.integer(),
        (at, seed) => {
          expect(uuidV7(at, new SeededRandom(seed))).toBe(referenceUuidV7(at, new SeededRandom(seed)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("sorts by creation time", () => {
    fc.assert(
      fc.property(instant, instant, fc.integer(), (a, b, seed) => {
        fc.pre(a !== b);
        const random = new SeededRandom(seed);
        const [first, second] = [uuidV7(a, random), uuidV7(b, random)];
        expect(first < second).toBe(a < b);
      }),
    );
  });

  it("is repeatable for a seed and unique across draws", () => {
    const ids = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 1000 }, () => uuidV7(1_900_000_000_000, random));
    };
    expect(ids(3)).toEqual(ids(3));
    expect(new Set(ids(3)).size).toBe(1000);
  });
});

describe("isUuid", () => {
  it("rejects strings that are not UUIDs", () => {
    for (const bad of [
      "",
      "123",
      "not-a-uuid",
      "01b8dac5-b400-7190-a9c1-017be3af527",
      "01b8dac5b40071 90a9c1017be3af527d",
    ]) {
      expect(isUuid(bad)).toBe(false);
    }
  });
});
