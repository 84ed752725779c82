import { describe, expect, it } from "vitest";
import { DOWNLINK_COUNTERS, downlinkTotalsOf, savedCounts } from "../../src/downlink/downlink-totals.js";
import { decodeGapCursor, encodeGapCursor } from "../../src/downlink/gap-cursor.js";
import { ValidationError } from "../../src/errors.js";
import { T0 } from "./downlink-fixture.js";

describe("the downlink's stored counters", () => {
  it("adds a save's counts and missing seqs, by name, without zeros", () => {
    const counts = savedCounts({
      spacecraftId: "sc-1",
      cursor: 20,
      gaps: [
        { spacecraftId: "sc-1", fromSeq: 3, toSeq: 5, at: T0, cause: "timeout" },
        { spacecraftId: "sc-1", fromSeq: 9, toSeq: 9, at: T0, cause: "overflow" },
      ],
      applied: 12,
      late: 1,
      unknownCommand: 0,
      unknownType: 2,
      telemetry: 0,
    });
    expect(counts).toEqual([
      ["downlinkApplied", 12],
      ["downlinkGaps", 4],
      ["downlinkLate", 1],
      ["downlinkUnknownType", 2],
    ]);
  });

  it("reads the totals among every counter, 0 for those never added to", () => {
    const totals = downlinkTotalsOf({ downlinkDuplicates: 3, downlinkGaps: 7, rejectedSubmissions: 9 });
    expect(totals).toEqual({
      received: 0,
      accepted: 0,
      duplicates: 3,
      conflicts: 0,
      applied: 0,
      late: 0,
      gaps: 7,
      unknownCommand: 0,
      unknownType: 0,
      telemetry: 0,
    });
    expect(Object.keys(totals).sort()).toEqual(Object.keys(DOWNLINK_COUNTERS).sort());
  });
});

describe("gap list cursors", () => {
  it("give back the position they were made from", () => {
    for (const position of [0, 1, 35, 36, 2 ** 40])
      expect(decodeGapCursor(encodeGapCursor(position))).toBe(position);
  });

  it("refuse anything else as a validation error on cursor", () => {
    for (const text of ["", "g", "x12", "g-1", "G12", `g${"z".repeat(12)}`]) {
      expect(() => decodeGapCursor(text)).toThrow(ValidationError);
    }
    expect(() => decodeGapCursor("nope")).toThrow(expect.objectContaining({ field: "cursor" }));
  });
});
