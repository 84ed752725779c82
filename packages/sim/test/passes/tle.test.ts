import { readFileSync } from "node:fs";
import { ConfigError } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { parseTle } from "../../src/passes/tle.js";

const text = readFileSync(new URL("../fixtures/iss-noaa19.tle", import.meta.url), "utf8");
const [title, line1, line2] = text.split("\n") as [string, string, string];

/** A TLE line with its checksum recomputed (digits count, a minus counts one). */
function withChecksum(line: string): string {
  let sum = 0;
  for (const c of line.slice(0, 68)) sum += c === "-" ? 1 : c >= "0" && c <= "9" ? Number(c) : 0;
  return `${line.slice(0, 68)}${sum % 10}`;
}

describe("parseTle", () => {
  it("reads titled element sets and their epochs", () => {
    const records = parseTle(text);
    expect(records.map((r) => r.name)).toEqual(["ISS (ZARYA)", "NOAA 19"]);
    expect(new Date(records[0]?.epoch ?? 0).toISOString()).toBe("2024-05-06T19:53:05.000Z");
    expect(new Date(records[1]?.epoch ?? 0).toISOString()).toBe("2024-05-20T19:50:47.587Z");
  });

  it("accepts untitled sets, 0-prefixed titles, CRLF and blank lines", () => {
    expect(parseTle(`${line1}\r\n${line2}\r\n`)[0]?.name).toBe("25544");
    expect(parseTle(`\n0 ${title}\n\n${line1}\n${line2}`)[0]?.name).toBe("ISS (ZARYA)");
  });

  it.each([
    ["a bad checksum", `${line1.slice(0, 68)}1\n${line2}`, "checksum"],
    ["a short line", `${line1.slice(0, 60)}\n${line2}`, "not 69"],
    ["a missing line 2", `${title}\n${line1}\n`, "expected line 2"],
    ["a title without a set", `${title}\n`, "has no element set"],
    ["two titles in a row", `${title}\nOTHER\n${line1}\n${line2}`, "expected line 1"],
    ["lines of two satellites", `${line1}\n${withChecksum(`2 33591${line2.slice(7)}`)}`, "another satellite"],
    ["nothing", "", "no element set"],
  ])("rejects %s with a ConfigError naming the file", (_, bad, why) => {
    expect(() => parseTle(bad, "iss.tle")).toThrow(ConfigError);
    expect(() => parseTle(bad, "iss.tle")).toThrow(why);
    expect(() => parseTle(bad, "iss.tle")).toThrow(/UPLINK_CONTACTS: iss.tle line \d+/);
  });
});
