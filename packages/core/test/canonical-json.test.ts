import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../src/canonical-json.js";
import { recursiveCanonicalJson } from "./support/recursive-canonical-json.js";

/** JSON values, with `undefined` entries in objects now and then (left out, as before). */
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.array(tie("value")),
    fc.dictionary(fc.string(), fc.option(tie("value"), { nil: undefined })),
  ),
})).value;

describe("canonicalJson", () => {
  it("writes what the recursive version wrote, for any JSON value", () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(canonicalJson(value)).toBe(recursiveCanonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it("sorts keys at every depth, so that equal values serialise the same", () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: "x" }], e: undefined })).toBe(
      '{"a":[true,{"c":"x","d":null}],"b":1}',
    );
    expect(canonicalJson({ z: { y: 1, x: 2 } })).toBe(canonicalJson({ z: { x: 2, y: 1 } }));
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson("\u0000")).toBe('"\\u0000"');
  });

  it("serialises values nested far deeper than the stack allows recursion", () => {
    const depth = 200_000;
    let deep: unknown = "leaf";
    for (let i = 0; i < depth; i++) deep = i % 2 ? [deep] : { k: deep };
    expect(() => recursiveCanonicalJson(deep)).toThrow(RangeError);
    expect(canonicalJson(deep)).toBe(`${'[{"k":'.repeat(depth / 2)}"leaf"${"}]".repeat(depth / 2)}`);
  });
});
