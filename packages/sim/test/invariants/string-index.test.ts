import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StringIndex } from "../../src/invariants/string-index.js";

describe("StringIndex", () => {
  it("answers as a Map would, through its growth", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), (keys) => {
        const stored: string[] = [];
        const index = new StringIndex((row, key) => stored[row] === key, 4);
        const map = new Map<string, number>();
        keys.forEach((key) => {
          // The caller keeps the key at its row before adding it, as the command table does.
          const row = stored.length;
          stored.push(key);
          const had = index.addIfAbsent(key, row);
          expect(had).toBe(map.get(key) ?? -1);
          if (had >= 0) stored.pop();
          if (!map.has(key)) map.set(key, row);
        });
        expect(index.size).toBe(map.size);
        for (const key of [...keys, "absent-key"]) expect(index.get(key)).toBe(map.get(key) ?? -1);
      }),
      { numRuns: 300 },
    );
  });
});
