import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileDictionary } from "../../src/dictionary/compile-dictionary.js";
import type { ArgumentDefinition } from "../../src/dictionary/dictionary.js";
import { parseDictionary } from "../../src/dictionary/parse-dictionary.js";
import { InvalidArgumentError, UnknownCommandError } from "../../src/errors.js";

const demo = compileDictionary(
  parseDictionary({
    mission: "demo",
    commands: [
      {
        name: "SET_MODE",
        category: "platform",
        hazardous: false,
        args: {
          mode: { type: "enum", values: ["NOMINAL", "SAFE"] },
          duration: { type: "integer", min: 0, max: 3600, unit: "s", optional: true, default: 0 },
          note: { type: "string", maxLength: 8, pattern: "[a-z]*", optional: true },
        },
        timeouts: { acceptanceMs: 1000 },
      },
      {
        name: "FIRE",
        category: "propulsion",
        hazardous: true,
        args: {
          at: { type: "time" },
          thrust: { type: "float", min: 0.5, max: 2.5 },
          armed: { type: "boolean" },
        },
      },
    ],
  }),
);

function refusal(name: string, args: Record<string, unknown>): { field: string; rule: string } {
  try {
    demo.check(name, args);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as InvalidArgumentError).details;
  }
  throw new Error("accepted");
}

describe("CompiledDictionary.check", () => {
  it("fills in defaults and gives the command's category, hazard, timeouts and version", () => {
    const checked = demo.check("SET_MODE", { mode: "SAFE" });
    expect(checked).toEqual({
      args: { mode: "SAFE", duration: 0 },
      profile: {
        category: "platform",
        hazardous: false,
        acceptanceMs: 1000,
        executionMs: null,
        dictionaryVersion: demo.version,
      },
    });
    const fire = demo.check("FIRE", { at: "2030-01-01T00:00:00Z", thrust: 1, armed: true });
    expect(fire.profile.hazardous).toBe(true);
    expect(fire.args).toEqual({ at: "2030-01-01T00:00:00Z", thrust: 1, armed: true });
  });

  it("refuses an unknown name with close suggestions", () => {
    expect(() => demo.check("SET_MOD", {})).toThrow(UnknownCommandError);
    try {
      demo.check("set_mode", {});
    } catch (error) {
      expect((error as UnknownCommandError).details).toEqual({
        field: "name",
        name: "set_mode",
        mission: "demo",
        suggestions: ["SET_MODE"],
      });
    }
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["SET_MODE", {}, "args.mode", "required"],
    ["SET_MODE", { mode: "OFF" }, "args.mode", "enum"],
    ["SET_MODE", { mode: "SAFE", duration: 3601 }, "args.duration", "range"],
    ["SET_MODE", { mode: "SAFE", duration: -1 }, "args.duration", "range"],
    ["SET_MODE", { mode: "SAFE", duration: 1.5 }, "args.duration", "type"],
    ["SET_MODE", { mode: "SAFE", duration: "10" }, "args.duration", "type"],
    ["SET_MODE", { mode: "SAFE", note: "abcdefghi" }, "args.note", "max_length"],
    ["SET_MODE", { mode: "SAFE", note: "ABC" }, "args.note", "pattern"],
    ["SET_MODE", { mode: "SAFE", speed: 1 }, "args.speed", "unknown_argument"],
    ["SET_MODE", { mode: "SAFE", constructor: 1 }, "args.constructor", "unknown_argument"],
    ["FIRE", { at: "2030-02-30T00:00:00Z", thrust: 1, armed: true }, "args.at", "time"],
    ["FIRE", { at: "2030-01-01T00:00:00Z", thrust: 3, armed: true }, "args.thrust", "range"],
    ["FIRE", { at: "2030-01-01T00:00:00Z", thrust: 1, armed: "yes" }, "args.armed", "type"],
  ])("%s %j is refused at %s (%s)", (name, args, field, rule) => {
    expect(refusal(name, args)).toEqual({ field, rule });
  });

  it("does not find an argument on Object.prototype", () => {
    const compiled = compileDictionary(
      parseDictionary({
        mission: "m",
        commands: [{ name: "A", category: "c", args: { constructor: { type: "integer" } } }],
      }),
    );
    expect(() => compiled.check("A", {})).toThrow("args.constructor: is required");
    expect(compiled.check("A", { constructor: 3 }).args).toEqual({ constructor: 3 });
  });
});

/** The rule a numeric argument states, written the plain way: the model the checker must agree with. */
function inRange(definition: ArgumentDefinition, value: number): boolean {
  if (definition.type === "integer" && !Number.isSafeInteger(value)) return false;
  return (definition.min ?? -Infinity) <= value && value <= (definition.max ?? Infinity);
}

const numberDefinition = fc
  .record({
    type: fc.constantFrom("integer" as const, "float" as const),
    min: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: undefined }),
    span: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
  })
  .map(({ type, min, span }): ArgumentDefinition => {
    const definition: { type: "integer" | "float"; min?: number; max?: number } = { type };
    if (min !== undefined) definition.min = min;
    if (span !== undefined) definition.max = (min ?? 0) + span;
    return definition;
  });

function single(definition: ArgumentDefinition) {
  return compileDictionary(
    parseDictionary({ mission: "m", commands: [{ name: "C", category: "c", args: { v: definition } }] }),
  );
}

describe("the checker's properties", () => {
  it("accepts a number exactly when it is of the type and within the bounds", () => {
    fc.assert(
      fc.property(
        numberDefinition,
        fc.oneof(fc.integer({ min: -3000, max: 3000 }), fc.double({ min: -3000, max: 3000, noNaN: true })),
        (definition, value) => {
          const compiled = single(definition);
          const accepted = (() => {
            try {
              compiled.check("C", { v: value });
              return true;
            } catch (error) {
              expect((error as InvalidArgumentError).details.field).toBe("args.v");
              return false;
            }
          })();
          expect(accepted).toBe(inRange(definition, value));
        },
      ),
    );
  });

  it("accepts a string exactly when it fits maxLength and the pattern", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10 }),
        fc.string({ maxLength: 14, unit: fc.constantFrom("a", "b", "1") }),
        (maxLength, value) => {
          const compiled = single({ type: "string", maxLength, pattern: "[ab]*" });
          const expected = value.length <= maxLength && /^[ab]*$/.test(value);
          expect(() => compiled.check("C", { v: value })).toSatisfy((run: () => unknown) => {
            try {
              run();
              return expected;
            } catch {
              return !expected;
            }
          });
        },
      ),
    );
  });

  it("keeps the given arguments, adds only the missing defaults, and refuses any extra key", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 3600 }), { nil: undefined }),
        fc.option(fc.constantFrom("a", "bb"), { nil: undefined }),
        fc.option(fc.string({ minLength: 1, maxLength: 6 }), { nil: undefined }),
        (duration, note, extra) => {
          const args: Record<string, unknown> = { mode: "NOMINAL" };
          if (duration !== undefined) args.duration = duration;
          if (note !== undefined) args.note = note;
          const known = extra === undefined || ["mode", "duration", "note"].includes(extra);
          if (!known) args[extra as string] = 1;
          if (!known) {
            expect(refusal("SET_MODE", args)).toEqual({ field: `args.${extra}`, rule: "unknown_argument" });
            return;
          }
          const checked = demo.check("SET_MODE", args);
          expect(checked.args).toEqual({ ...args, duration: duration ?? 0 });
        },
      ),
    );
  });

  it("checks a 2 000-command dictionary by name, whatever its size", () => {
    const commands = Array.from({ length: 2000 }, (_, i) => ({
      name: `CMD_${i}`,
      category: `cat${i % 7}`,
      args: { level: { type: "integer", min: 0, max: i } },
    }));
    const big = compileDictionary(parseDictionary({ mission: "big", commands }));
    fc.assert(
      fc.property(fc.nat({ max: 1999 }), fc.nat({ max: 2500 }), (i, level) => {
        const run = () => big.check(`CMD_${i}`, { level });
        if (level <= i) expect(run().profile.category).toBe(`cat${i % 7}`);
        else expect(run).toThrow(`args.level: must be at most ${i}`);
      }),
    );
  });
});
