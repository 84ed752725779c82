import { fileURLToPath } from "node:url";
import { type ArgumentDefinition, CompiledCommand, compileArgument } from "@uplink/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/** What the console's `public/js/argument-rules.js` exports (plain JS, typed here). */
interface ConsoleRules {
  compileArgument(
    definition: ArgumentDefinition,
  ): (value: unknown) => { rule: string; message: string } | null;
  isRequired(definition: ArgumentDefinition): boolean;
  parseRfc3339(text: string): number | null;
}

const RULES_URL = new URL("../../public/js/argument-rules.js", import.meta.url);
const rules = (await import(fileURLToPath(RULES_URL))) as ConsoleRules;

const bound = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
);

/** Argument definitions of every type, with and without their optional rules. */
const definition: fc.Arbitrary<ArgumentDefinition> = fc.oneof(
  fc
    .record(
      {
        type: fc.constantFrom("integer" as const, "float" as const),
        min: bound,
        max: bound,
        unit: fc.constant("V"),
      },
      { requiredKeys: ["type"] },
    )
    .map((d) =>
      d.min !== undefined && d.max !== undefined && d.min > d.max ? { ...d, min: d.max, max: d.min } : d,
    ),
  fc.record(
    {
      type: fc.constant("string" as const),
      maxLength: fc.integer({ min: 0, max: 12 }),
      pattern: fc.constantFrom("[A-Za-z0-9_-]+", "/[a-z./]*", "a|b", "\\d{2,4}"),
    },
    { requiredKeys: ["type"] },
  ),
  fc.constant({ type: "boolean" as const }),
  fc.record({
    type: fc.constant("enum" as const),
    values: fc.uniqueArray(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  }),
  fc.constant({ type: "time" as const }),
);

/** Values of every JSON shape, and the near misses each type has. */
const value = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, 0.5, -0, 1e21),
  fc.string({ maxLength: 16 }),
  fc.constantFrom("ab", "a", "b", "12", "12345", "/a/b.c", "A_b-9", "x y"),
  fc
    .date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    "2030-02-30T00:00:00Z",
    "2030-01-01T12:00:00+02:00",
    "2030-01-01 12:00:00z",
    "2030-01-01T24:00:00Z",
  ),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

/** Values on and around a definition's own edges: its bounds, its values, its length limit. */
function edgesOf(d: ArgumentDefinition): fc.Arbitrary<unknown> {
  const edges: unknown[] = [];
  for (const b of [d.min, d.max])
    if (b !== undefined) edges.push(b, b - 1, b + 1, b - 0.5, b + 0.5, Math.round(b));
  for (const v of d.values ?? []) edges.push(v, ` ${v}`, v.toUpperCase(), `${v}x`);
  if (d.maxLength !== undefined)
    edges.push("a".repeat(d.maxLength), "a".repeat(d.maxLength + 1), "1".repeat(d.maxLength));
  return edges.length === 0 ? value : fc.oneof(value, fc.constantFrom(...edges));
}

// The console checks a dictionary's arguments in the browser before sending, with its own copy
// of core's rules (it is served without a build step): the two must give the same verdicts.
describe("the console's argument rules", () => {
  it("refuse exactly what core refuses, with the same rule and message", () => {
    fc.assert(
      fc.property(
        definition.chain((d) =>
          fc.tuple(fc.constant(d), fc.array(edgesOf(d), { minLength: 1, maxLength: 12 })),
        ),
        ([d, values]) => {
          const core = compileArgument(d);
          const browser = rules.compileArgument(d);
          for (const v of values) expect(browser(v)).toEqual(core(v));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("require an argument exactly when core does", () => {
    const presence = fc.record({ optional: fc.boolean(), default: fc.constant(1) }, { requiredKeys: [] });
    fc.assert(
      fc.property(presence, (p) => {
        const argument: ArgumentDefinition = { type: "integer", ...p };
        const command = new CompiledCommand(
          { name: "CMD", category: "test", hazardous: false, args: { a: argument } },
          "v1",
        );
        let coreRequires = false;
        try {
          command.check({});
        } catch {
          coreRequires = true;
        }
        expect(rules.isRequired(argument)).toBe(coreRequires);
      }),
    );
  });
});
