import { describe, expect, it } from "vitest";
import { editDistance, suggestCommands } from "../../src/dictionary/command-suggestions.js";

const names = ["SET_MODE", "SET_HEATER", "RECOVER", "PING", "REBOOT_OBC", "GET_MODE"];

describe("suggestCommands", () => {
  it.each<[string, string[]]>([
    ["SET_MODEE", ["SET_MODE", "GET_MODE"]],
    ["set_mode", ["SET_MODE", "GET_MODE"]],
    ["RECOVR", ["RECOVER"]],
    ["REBOOT", ["REBOOT_OBC"]],
    ["XYZZY_PLUGH", []],
  ])("suggests close names for %s", (name, expected) => {
    expect(suggestCommands(name, names)).toEqual(expected);
  });

  it("puts the closest first and gives at most five", () => {
    expect(suggestCommands("SET_MODX", names)[0]).toBe("SET_MODE");
    const many = Array.from({ length: 20 }, (_, i) => `CMD_${String.fromCharCode(65 + i)}`);
    expect(suggestCommands("CMD_", many)).toHaveLength(5);
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });
});
