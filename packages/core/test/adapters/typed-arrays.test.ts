import { describe, expect, it } from "vitest";
import { widened } from "../../src/adapters/typed-arrays.js";

describe("widened", () => {
  it("copies a column into a longer one of its own kind, the rest zero, leaving the old one as it was", () => {
    const column = Float64Array.of(1.5, -2, 3);
    const wider = widened(column, 5);
    expect(wider).toBeInstanceOf(Float64Array);
    expect([...wider]).toEqual([1.5, -2, 3, 0, 0]);
    expect([...column]).toEqual([1.5, -2, 3]);
    expect(widened(Uint16Array.of(65535), 2)).toEqual(Uint16Array.of(65535, 0));
  });

  it("never shortens a column", () => {
    expect([...widened(Int32Array.of(-1, 2, 3), 1)]).toEqual([-1, 2, 3]);
  });
});
