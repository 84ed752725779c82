import { describe, expect, it } from "vitest";
import { dictionaryVersion } from "../../src/dictionary/dictionary-version.js";
import { parseDictionary, parseDictionaryJson } from "../../src/dictionary/parse-dictionary.js";
import { DictionaryError } from "../../src/errors.js";

const setMode = {
  name: "SET_MODE",
  category: "platform",
  description: "Switch the operating mode",
  hazardous: false,
  args: {
    mode: { type: "enum", values: ["NOMINAL", "SAFE"] },
    duration: { type: "integer", min: 0, max: 3600, unit: "s", optional: true, default: 0 },
  },
  timeouts: { acceptanceMs: 60000, executionMs: 600000 },
};
const valid = {
  mission: "demo",
  commands: [setMode, { name: "PING", category: "test" }],
  telemetry: [{ name: "BATT_V", type: "float", unit: "V", min: 24, max: 33 }],
};

function placeOf(document: unknown): string {
  try {
    parseDictionary(document);
  } catch (error) {
    expect(error).toBeInstanceOf(DictionaryError);
    return (error as DictionaryError).place;
  }
  throw new Error("accepted");
}

function withCommand(command: Record<string, unknown>, index = 0) {
  const commands: unknown[] = [...valid.commands];
  commands[index] = command;
  return { ...valid, commands };
}

function withArg(name: string, definition: unknown) {
  return withCommand({ ...setMode, args: { ...setMode.args, [name]: definition } });
}

describe("parseDictionary", () => {
  it("accepts SPEC §9's example and fills in its defaults", () => {
    const dictionary = parseDictionary(valid);
    expect(dictionary.mission).toBe("demo");
    expect(dictionary.commands[1]).toEqual({ name: "PING", category: "test", hazardous: false, args: {} });
    expect(dictionary.commands[0]?.args.duration).toEqual(setMode.args.duration);
    expect(dictionary.telemetry).toEqual(valid.telemetry);
    expect(parseDictionary({ mission: "x", commands: [] }).telemetry).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ["not an object", [], ""],
    ["a missing mission", { commands: [] }, "mission"],
    ["an unknown top-level field", { ...valid, extra: 1 }, "extra"],
    ["commands not an array", { mission: "m", commands: {} }, "commands"],
    ["a duplicate name", withCommand({ ...setMode }, 1), "commands[1].name"],
    ["a name outside the pattern", withCommand({ name: "1BAD", category: "x" }), "commands[0].name"],
    ["a missing category", withCommand({ name: "A" }), "commands[0].category"],
    ["hazardous not a boolean", withCommand({ ...setMode, hazardous: "yes" }), "commands[0].hazardous"],
    ["an unknown command field", withCommand({ ...setMode, priority: 1 }), "commands[0].priority"],
    ["an unknown type", withArg("x", { type: "double" }), "commands[0].args.x.type"],
    ["min above max", withArg("x", { type: "integer", min: 5, max: 1 }), "commands[0].args.x.min"],
    ["a fractional integer bound", withArg("x", { type: "integer", max: 1.5 }), "commands[0].args.x.max"],
    [
      "a default above max",
      withArg("duration", { ...setMode.args.duration, default: 4000 }),
      "commands[0].args.duration.default",
    ],
    [
      "a default of the wrong type",
      withArg("x", { type: "boolean", default: 1 }),
      "commands[0].args.x.default",
    ],
    [
      "a default outside the enum",
      withArg("x", { type: "enum", values: ["A"], default: "B" }),
      "commands[0].args.x.default",
    ],
    [
      "a default not matching the pattern",
      withArg("x", { type: "string", pattern: "[a-z]+", default: "A" }),
      "commands[0].args.x.default",
    ],
    [
      "a default that is not a time",
      withArg("x", { type: "time", default: "tomorrow" }),
      "commands[0].args.x.default",
    ],
    ["a field of another type", withArg("x", { type: "string", min: 1 }), "commands[0].args.x.min"],
    ["an empty enum", withArg("x", { type: "enum", values: [] }), "commands[0].args.x.values"],
    [
      "a duplicate enum value",
      withArg("x", { type: "enum", values: ["A", "A"] }),
      "commands[0].args.x.values[1]",
    ],
    [
      "a bad regular expression",
      withArg("x", { type: "string", pattern: "(" }),
      "commands[0].args.x.pattern",
    ],
    ["a negative maxLength", withArg("x", { type: "string", maxLength: -1 }), "commands[0].args.x.maxLength"],
    ["a bad argument name", withArg("1x", { type: "boolean" }), "commands[0].args.1x"],
    [
      "a zero timeout",
      withCommand({ ...setMode, timeouts: { acceptanceMs: 0 } }),
      "commands[0].timeouts.acceptanceMs",
    ],
    [
      "a duplicate parameter",
      { ...valid, telemetry: [valid.telemetry[0], valid.telemetry[0]] },
      "telemetry[1].name",
    ],
    [
      "a parameter min above max",
      { ...valid, telemetry: [{ name: "T", type: "float", min: 2, max: 1 }] },
      "telemetry[0].min",
    ],
    [
      "an unknown parameter type",
      { ...valid, telemetry: [{ name: "T", type: "time" }] },
      "telemetry[0].type",
    ],
  ])("refuses %s, naming the place", (_, document, place) => {
    expect(placeOf(document)).toBe(place);
  });

  it("names the file and the place in one line", () => {
    const text = JSON.stringify(withArg("duration", { type: "integer", min: 0, max: 10, default: 11 }));
    expect(() => parseDictionaryJson(text, "missions/demo.json")).toThrow(
      "missions/demo.json: commands[0].args.duration.default: must be at most 10",
    );
    try {
      parseDictionaryJson(text, "missions/demo.json");
    } catch (error) {
      expect((error as DictionaryError).details).toEqual({
        place: "commands[0].args.duration.default",
        source: "missions/demo.json",
      });
    }
  });

  it("refuses a text that is not JSON, naming the file", () => {
    expect(() => parseDictionaryJson("{ mission: ", "bad.json")).toThrow(/^bad\.json: is not JSON/);
  });
});

describe("dictionaryVersion", () => {
  it("is the same for the same content in any key order, and changes with the content", () => {
    const a = parseDictionary(valid);
    const reordered = parseDictionary(
      JSON.parse(JSON.stringify({ telemetry: valid.telemetry, commands: valid.commands, mission: "demo" })),
    );
    expect(dictionaryVersion(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(dictionaryVersion(reordered)).toBe(dictionaryVersion(a));
    const changed = parseDictionary(withArg("duration", { ...setMode.args.duration, max: 3601 }));
    expect(dictionaryVersion(changed)).not.toBe(dictionaryVersion(a));
  });
});
