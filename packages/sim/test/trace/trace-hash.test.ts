import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashTrace, TraceHasher } from "../../src/trace/trace-hash.js";
import type { TraceRecord } from "../../src/trace/trace-record.js";
import { fromJsonLines, toJsonLines } from "../../src/trace/trace-sinks.js";

const arbRecord: fc.Arbitrary<TraceRecord> = fc.oneof(
  fc.record({
    type: fc.constant("cancel" as const),
    at: fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
    id: fc.string({ maxLength: 40 }),
    ok: fc.boolean(),
    status: fc.string({ maxLength: 12 }),
  }),
  fc.record({
    type: fc.constant("window" as const),
    spacecraftId: fc.string({ maxLength: 8 }),
    start: fc.integer({ min: 0, max: 2 ** 45 }),
    end: fc.integer({ min: 0, max: 2 ** 45 }),
    station: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
  }),
);

describe("TraceHasher", () => {
  it("hashes equal traces equally, through a JSON Lines round trip", () => {
    fc.assert(
      fc.property(fc.array(arbRecord, { maxLength: 30 }), (trace) => {
        expect(hashTrace(fromJsonLines(toJsonLines(trace)))).toBe(hashTrace(trace));
      }),
    );
  });

  it("tells apart traces whose JSON Lines differ", () => {
    fc.assert(
      fc.property(fc.array(arbRecord, { maxLength: 10 }), fc.array(arbRecord, { maxLength: 10 }), (a, b) => {
        fc.pre(toJsonLines(a) !== toJsonLines(b));
        expect(hashTrace(a)).not.toBe(hashTrace(b));
      }),
      { numRuns: 500 },
    );
  });

  it("depends on order, on every field, and counts records", () => {
    const a: TraceRecord = { type: "end", at: 1 };
    const b: TraceRecord = { type: "end", at: 2 };
    expect(hashTrace([a, b])).not.toBe(hashTrace([b, a]));
    expect(hashTrace([{ type: "end", at: 0.5 }])).not.toBe(hashTrace([{ type: "end", at: 0 }]));
    expect(hashTrace([])).toMatch(/^[0-9a-f]{16}$/);
    const h = new TraceHasher();
    h.write(a);
    h.write(b);
    expect(h.records).toBe(2);
    expect(h.digest()).toBe(hashTrace([a, b]));
  });
});
