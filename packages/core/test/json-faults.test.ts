import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonFault, MAX_JSON_DEPTH, textFault } from "../src/json-faults.js";

/** Arrays nested `depth` levels deep around `inner`. */
function nest(depth: number, inner: unknown = null): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("textFault", () => {
  it("accepts any well-formed text, astral characters and controls other than NUL included", () => {
    for (const text of ["", "PING", "é", "🛰️", "\ud83d\ude80", "\u0001\u001f\u007f", "\uffff", "\ue000"]) {
      expect(textFault(text)).toBeNull();
    }
  });

  it("finds NUL and every kind of unpaired surrogate", () => {
    expect(textFault("a\u0000")).toBe("nul");
    expect(textFault("\ud800")).toBe("surrogate");
    expect(textFault("x\udbff")).toBe("surrogate");
    expect(textFault("\udc00x")).toBe("surrogate");
    expect(textFault("\udc00\ud800")).toBe("surrogate");
    expect(textFault("\ud800\ud800\udc00")).toBe("surrogate");
    expect(textFault("🚀\udfff")).toBe("surrogate");
  });

  it("agrees with a round trip through UTF-8 on every string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const roundTrips = new TextDecoder().decode(new TextEncoder().encode(text)) === text;
        expect(textFault(text) === null).toBe(roundTrips && !text.includes("\u0000"));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("findJsonFault", () => {
  it("finds nothing in well-formed JSON nested up to the limit", () => {
    expect(findJsonFault({ name: "X", args: { a: [1, "two", { three: true }] } })).toBeNull();
    expect(findJsonFault(nest(MAX_JSON_DEPTH))).toBeNull();
    expect(findJsonFault(null)).toBeNull();
    expect(findJsonFault(42)).toBeNull();
  });

  it("names the field of a bad string, key or depth from the root", () => {
    expect(findJsonFault({ args: { a: "\u0000" } })).toMatchObject({ field: "args.a", rule: "text" });
    expect(findJsonFault({ args: { list: ["ok", ["\ud800"]] } })).toMatchObject({
      field: "args.list[1][0]",
      rule: "text",
    });
    expect(findJsonFault([{}, {}, {}, { reason: "\udc00" }])).toMatchObject({ field: "[3].reason" });
    expect(findJsonFault({ o: { "k\u0000": 1 } })).toMatchObject({
      field: "o.k\ufffd",
      rule: "text",
      message: expect.stringMatching(/name that contains NUL/),
    });
    expect(findJsonFault({ "\ud83d\ude80\ud800": 1 })).toMatchObject({ field: "\ud83d\ude80\ufffd" });
    expect(findJsonFault("\u0000", "Idempotency-Key")).toMatchObject({ field: "Idempotency-Key" });
    expect(findJsonFault({ spacecraftId: "sc\u0000" }, "query")).toMatchObject({
      field: "query.spacecraftId",
    });
    expect(findJsonFault(nest(MAX_JSON_DEPTH + 1))).toMatchObject({
      field: "[0]".repeat(MAX_JSON_DEPTH),
      rule: "max_depth",
    });
    expect(findJsonFault({ a: { b: nest(MAX_JSON_DEPTH) } })).toMatchObject({
      field: `a.b${"[0]".repeat(62)}`,
    });
  });

  it("reports the first fault in document order", () => {
    expect(findJsonFault({ a: "fine", b: ["\u0000"], c: "\ud800" })?.field).toBe("b[0]");
    expect(findJsonFault([nest(MAX_JSON_DEPTH), "\u0000"])?.rule).toBe("max_depth");
  });

  it("walks input nested far deeper than the stack allows recursion", () => {
    const deep = nest(1_000_000, "\u0000");
    expect(findJsonFault(deep)).toMatchObject({ rule: "max_depth" });
    let wide: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) wide = { [`k${i}`]: wide, x: "ok" };
    expect(findJsonFault(wide)).toMatchObject({ rule: "max_depth" });
  });

  it("finds a fault exactly when some string or key holds NUL or a lone surrogate, or nesting passes the limit", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.constantFrom("\u0000", "\ud800", "\udc00"),
    );
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small", maxDepth: 8 },
        text,
        fc.integer(),
        fc.constant(null),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(text, tie("value"), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, fc.nat({ max: 80 }), (inner, depth) => {
        const value = nest(depth, inner);
        const strings: string[] = [];
        let deepest = 0;
        const visit = (v: unknown, level: number): void => {
          if (typeof v === "string") strings.push(v);
          else if (Array.isArray(v)) {
            deepest = Math.max(deepest, level + 1);
            for (const item of v) visit(item, level + 1);
          } else if (v !== null && typeof v === "object") {
            deepest = Math.max(deepest, level + 1);
            for (const [k, item] of Object.entries(v)) {
              strings.push(k);
              visit(item, level + 1);
            }
          }
        };
        visit(value, 0);
        const expected = deepest > MAX_JSON_DEPTH || strings.some((s) => textFault(s) !== null);
        expect(findJsonFault(value) !== null).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe("findJsonFault on nesting only", () => {
  it("passes over bad text and still finds nesting past the limit", () => {
    expect(findJsonFault({ a: "\u0000", "\ud800": 1 }, "", { text: false })).toBeNull();
    expect(findJsonFault(["\u0000", nest(MAX_JSON_DEPTH)], "args", { text: false })).toMatchObject({
      field: `args[1]${"[0]".repeat(MAX_JSON_DEPTH - 1)}`,
      rule: "max_depth",
    });
  });
});

describe("findJsonFault's field names", () => {
  it("are cut to 256 characters, never through a surrogate pair", () => {
    const long = "k".repeat(10_000);
    const fault = findJsonFault({ [long]: "\u0000" });
    expect(fault?.field).toBe(`${"k".repeat(255)}…`);
    const astral = findJsonFault({ [`${"k".repeat(254)}🚀🚀`]: "\u0000" });
    expect(astral?.field).toBe(`${"k".repeat(254)}…`);
    expect(textFault(astral?.field ?? "\u0000")).toBeNull();
  });
});
