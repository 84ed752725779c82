import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileDictionary, limitsOf } from "@uplink/core";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { DEMO_DICTIONARY_PATH, readDictionaryFile } from "../../src/dictionaries/dictionary-files.js";

const dir = mkdtempSync(join(tmpdir(), "uplink-dictionaries-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("the bundled demo dictionary", () => {
  const demo = readDictionaryFile(DEMO_DICTIONARY_PATH);

  it("is valid: a dozen commands over a few categories, one hazardous, RECOVER and SET_MODE among them", () => {
    expect(demo.mission).toBe("demo");
    expect(demo.commands.length).toBeGreaterThanOrEqual(12);
    expect(new Set(demo.commands.map((c) => c.category)).size).toBeGreaterThanOrEqual(4);
    expect(demo.commands.filter((c) => c.hazardous).map((c) => c.name)).toEqual(["FIRE_THRUSTER"]);
    const compiled = compileDictionary(demo);
    expect(compiled.check("RECOVER", {}).profile.category).toBe("platform");
    expect(compiled.check("SET_MODE", { mode: "SAFE" }).args).toEqual({ mode: "SAFE", duration: 0 });
  });

  it("gives the housekeeping parameters MODE, BATT_V and TEMP_C with limits", () => {
    const limits = limitsOf(demo);
    expect(limits.get("BATT_V")).toMatchObject({ min: 24, max: 33, unit: "V" });
    expect(limits.get("TEMP_C")).toMatchObject({ min: -10, max: 45 });
    expect(limits.get("MODE")?.values).toContain("SAFE");
  });
});

describe("UPLINK_DICTIONARY", () => {
  it("takes paths relative to the working directory", () => {
    file("a.json", { mission: "alpha", commands: [] });
    file("b.json", { mission: "beta", commands: [] });
    const config = loadConfig([], { UPLINK_DICTIONARY: "a.json, b.json" }, dir);
    expect(config.dictionaries).toEqual([join(dir, "a.json"), join(dir, "b.json")]);
    expect(loadConfig([], {}, dir).dictionaries).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ["not JSON", "{ nope", /^UPLINK_DICTIONARY: .*bad1\.json: is not JSON/],
    [
      "a default out of range",
      {
        mission: "m",
        commands: [{ name: "A", category: "c", args: { d: { type: "integer", max: 1, default: 5 } } }],
      },
      /^UPLINK_DICTIONARY: .*bad2\.json: commands\[0\]\.args\.d\.default: must be at most 1$/,
    ],
  ])("refuses a file that is %s, in one line naming the file and the place", (_, content, message) => {
    const name = (content as unknown) === "{ nope" ? "bad1.json" : "bad2.json";
    file(name, content);
    expect(() => loadConfig([], { UPLINK_DICTIONARY: name }, dir)).toThrow(message);
  });

  it("refuses a missing file and two files of one mission", () => {
    expect(() => loadConfig([], { UPLINK_DICTIONARY: "missing.json" }, dir)).toThrow(
      /missing\.json: cannot be read \(ENOENT\)/,
    );
    file("c1.json", { mission: "same", commands: [] });
    file("c2.json", { mission: "SAME", commands: [] });
    expect(() => loadConfig(["--dictionary", "c1.json,c2.json"], {}, dir)).toThrow(
      /^--dictionary: .*c2\.json: mission: SAME is also the mission of .*c1\.json$/,
    );
  });
});
