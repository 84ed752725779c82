import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import {
  flatArgsSizeBound,
  MAX_ARGS_BYTES,
  validateSubmission,
} from "../../src/services/submit-validation.js";

const utf8Size = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");

const anyString = fc.string({ unit: "binary", maxLength: 40 });
const flatValue = fc.oneof(
  anyString,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const args = fc.oneof(
  fc.dictionary(anyString, flatValue, { maxKeys: 8 }),
  fc.dictionary(anyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);

describe("flatArgsSizeBound", () => {
  it("is never below the size of the args as UTF-8 JSON", () => {
    fc.assert(
      fc.property(args, (a) => {
        expect(flatArgsSizeBound(a)).toBeGreaterThanOrEqual(utf8Size(a));
      }),
      { numRuns: 1000 },
    );
  });

  it("leaves validation accepting and refusing exactly what the serialised size says", () => {
    const nearLimit = fc
      .tuple(fc.integer({ min: 600, max: 4_100 }), fc.constantFrom("x", "é", "\u0001", "😀"), flatValue)
      .map(([n, unit, extra]) => ({ a: unit.repeat(Math.ceil(n / unit.length)), b: extra }));
    fc.assert(
      fc.property(fc.oneof(args, nearLimit), (a) => {
        const fits = utf8Size(a) <= MAX_ARGS_BYTES;
        let accepted = true;
        try {
          validateSubmission({ name: "PING", args: a });
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).message).toMatch(/bytes/);
          accepted = false;
        }
        expect(accepted).toBe(fits);
      }),
      { numRuns: 500 },
    );
  });

  it("gives up on what it cannot bound without serialising", () => {
    expect(flatArgsSizeBound({ a: { b: 1 } })).toBe(Number.POSITIVE_INFINITY);
    expect(flatArgsSizeBound({ toJSON: () => "x".repeat(5_000) })).toBe(Number.POSITIVE_INFINITY);
    expect(flatArgsSizeBound(new Date(0))).toBe(Number.POSITIVE_INFINITY);
    expect(flatArgsSizeBound({ n: 10n })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("validateSubmission on deeply nested args", () => {
  it("refuses args nested past the limit with a ValidationError, not a stack overflow", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(() => validateSubmission({ name: "PING", args: { deep } as Record<string, unknown> })).toThrow(
      expect.objectContaining({ field: "args", details: { field: "args", rule: "max_depth" } }),
    );
    expect(() => validateSubmission({ name: "PING", args: { deep } as Record<string, unknown> })).toThrow(
      ValidationError,
    );
  });

  it("still takes args nested as deep as the limit", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 63; i++) deep = [deep];
    expect(validateSubmission({ name: "PING", args: { deep } as Record<string, unknown> }).args).toEqual({
      deep,
    });
  });
});
