import { describe, expect, it } from "vitest";
import { type BenchRow, meetsTarget } from "../../../../tools/bench-table.js";

const row = (value: number, target: string): BenchRow => ({ name: "figure", value, unit: "MiB", target });

// The shared bench table of every package's `npm run bench` (tools/bench-table.ts).
describe("meetsTarget", () => {
  it("reads a strict bound as strict: 304 misses < 300, 300 too, 299 meets it", () => {
    expect(meetsTarget(row(304, "< 300"))).toBe(false);
    expect(meetsTarget(row(300, "< 300"))).toBe(false);
    expect(meetsTarget(row(299, "< 300"))).toBe(true);
    expect(meetsTarget(row(299.9, "<300"))).toBe(true);
    expect(meetsTarget(row(5000, "> 5000"))).toBe(false);
    expect(meetsTarget(row(5001, "> 5000"))).toBe(true);
  });

  it("keeps the bound itself for >= and <=", () => {
    expect(meetsTarget(row(3000, ">= 3000"))).toBe(true);
    expect(meetsTarget(row(2999, ">= 3000"))).toBe(false);
    expect(meetsTarget(row(250, "<= 250"))).toBe(true);
    expect(meetsTarget(row(250.1, "<= 250"))).toBe(false);
    expect(meetsTarget(row(0.5, ">= 0.25"))).toBe(true);
  });

  it("counts a row without a target, or with one it cannot read, as met", () => {
    expect(meetsTarget(row(1, ""))).toBe(true);
    expect(meetsTarget(row(1, "as low as possible"))).toBe(true);
  });
});
