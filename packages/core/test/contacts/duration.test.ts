import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDuration } from "../../src/contacts/duration.js";
import { parseRfc3339 } from "../../src/contacts/rfc3339.js";
import { ConfigError } from "../../src/errors.js";

describe("parseDuration", () => {
  it("reads every unit and sums compound durations", () => {
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("45s")).toBe(45_000);
    expect(parseDuration("90m")).toBe(5_400_000);
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("1d")).toBe(86_400_000);
    expect(parseDuration(" 1h30m ")).toBe(5_400_000);
    expect(parseDuration("1.5s")).toBe(1_500);
    expect(parseDuration("0s")).toBe(0);
  });

  it("rejects text without units, negative or fractional milliseconds, naming the variable", () => {
    for (const bad of ["", "90", "-5m", "5 m", "1.5ms", "m", "5x", "1h 30m", "1e3s"]) {
      expect(() => parseDuration(bad, "UPLINK_X")).toThrow(ConfigError);
      expect(() => parseDuration(bad, "UPLINK_X")).toThrow(/UPLINK_X/);
    }
  });

  it("reads back any whole-millisecond amount in any unit", () => {
    const units = [
      ["ms", 1],
      ["s", 1000],
      ["m", 60_000],
      ["h", 3_600_000],
      ["d", 86_400_000],
    ] as const;
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.constantFrom(...units), (n, [unit, ms]) => {
        expect(parseDuration(`${n}${unit}`)).toBe(n * ms);
      }),
    );
  });
});

describe("parseRfc3339", () => {
  it("reads UTC and offset instants, with fractions", () => {
    expect(parseRfc3339("1970-01-01T00:01:00Z")).toBe(60_000);
    expect(parseRfc3339("2030-01-01T02:00:00+02:00")).toBe(Date.UTC(2030, 0, 1));
    expect(parseRfc3339("2030-01-01t00:00:00.250z")).toBe(Date.UTC(2030, 0, 1) + 250);
    expect(parseRfc3339("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
  });

  it("rejects what is not an RFC 3339 date-time", () => {
    for (const bad of [
      "2030-02-30T00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2030-01-01T24:00:00Z",
      "2030-01-01",
      "2030-01-01T00:00:00",
      "tomorrow",
    ]) {
      expect(parseRfc3339(bad)).toBeNull();
    }
  });
});
