import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashTrace, TraceHasher } from "../../src/trace/trace-hash.js";
import type { TraceRecord } from "../../src/trace/trace-record.js";
import { fromJsonLines, toJsonLines } from "../../src/trace/trace-sinks.js";

const arbAt = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 45 }),
  fc.integer({ min: -(2 ** 40), max: 2 ** 53 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(0.5, -0, 2 ** 53 + 2, 0x200000 * 2 ** 32),
);
const arbCount = fc.oneof(fc.nat(), fc.constantFrom(0x200000, 2 ** 32, 2 ** 32 + 1, -1, 1.5));
const arbText = fc.string({ maxLength: 40 });
const arbNullableText = fc.option(arbText, { nil: null });

// Every record type, the ones hashed field by field with values outside their usual ranges too.
const arbRecord: fc.Arbitrary<TraceRecord> = fc.oneof(
  fc.record({
    type: fc.constant("transition" as const),
    at: arbAt,
    id: arbText,
    seq: arbCount,
    eventId: arbCount,
    from: arbNullableText,
    to: arbText,
    reason: arbNullableText,
    source: fc.constantFrom("operator" as const, "sender" as const, "spacecraft" as const),
    actor: arbText,
    ignored: fc.boolean(),
    failureReason: fc.option(fc.constantFrom("rejected" as const, "expired" as const), { nil: null }),
  }),
  fc.record({
    type: fc.constant("submit" as const),
    at: arbAt,
    id: arbText,
    spacecraftId: arbText,
    name: arbText,
    priority: arbCount,
    notBefore: fc.option(arbAt, { nil: null }),
    notAfter: fc.option(arbAt, { nil: null }),
  }),
  fc.record({ type: fc.constant("uplink" as const), at: arbAt, id: arbText, spacecraftId: arbText }),
  fc.record({
    type: fc.constant("spacecraft" as const),
    at: arbAt,
    id: arbText,
    spacecraftId: arbText,
    event: fc.constantFrom(
      "received" as const,
      "duplicate" as const,
      "rejected" as const,
      "executed" as const,
    ),
    success: fc.option(fc.boolean(), { nil: null }),
  }),
  fc.record({
    type: fc.constant("cancel" as const),
    at: arbAt,
    id: arbText,
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

  it("tells apart records that differ in one field, however the numbers are encoded", () => {
    fc.assert(
      fc.property(arbRecord, fc.nat(), arbAt, (record, pick, other) => {
        const keys = Object.keys(record).filter((k) => k !== "type");
        const key = keys[pick % keys.length] as string;
        const value = (record as unknown as Record<string, unknown>)[key];
        const changed =
          typeof value === "number"
            ? other
            : typeof value === "string"
              ? `${value}x`
              : value === null
                ? 0
                : !value;
        fc.pre(!Object.is(changed, value) && JSON.stringify(changed) !== JSON.stringify(value));
        const altered = { ...record, [key]: changed } as TraceRecord;
        expect(hashTrace([altered])).not.toBe(hashTrace([record]));
      }),
      { numRuns: 1_000 },
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
