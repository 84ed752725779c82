import { ALWAYS_WINDOW_END, ALWAYS_WINDOW_START, type Telecommand } from "@uplink/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatInstant,
  toWireContactWindow,
  toWireTelecommand,
} from "../../../src/http/wire/telecommand-wire.js";
import { telecommandWireSchema } from "../../../src/http/wire/wire-schemas.js";

const COMMAND: Telecommand = {
  id: "01890000-0000-7000-8000-000000000001",
  spacecraftId: "sc-1",
  name: "PING",
  args: { n: 1 },
  priority: 3,
  status: "failed",
  failureReason: "timed_out",
  createdAt: 1_893_456_000_000,
  updatedAt: 1_893_456_000_500,
  transmittedAt: 1_893_456_000_100,
  acknowledgedAt: null,
  executedAt: null,
  failedAt: 1_893_456_000_500,
  cancelledAt: null,
  notBefore: null,
  notAfter: 1_893_542_400_000,
  deadline: 1_893_456_060_100,
  version: 3,
  profile: {
    dictionaryVersion: "0123456789abcdef",
    category: "platform",
    hazardous: true,
    acceptanceMs: 5_000,
    executionMs: null,
  },
  submittedBy: "ada",
  held: false,
};

describe("wire mappers", () => {
  it("formats instants as RFC 3339 UTC with milliseconds, absent ones as null", () => {
    expect(formatInstant(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(formatInstant(1_893_456_000_250)).toBe("2030-01-01T00:00:00.250Z");
    expect(formatInstant(null)).toBeNull();
  });

  it("treats instants a Date cannot hold as unbounded (null)", () => {
    expect(formatInstant(ALWAYS_WINDOW_START)).toBeNull();
    expect(formatInstant(ALWAYS_WINDOW_END)).toBeNull();
    expect(
      toWireContactWindow({ spacecraftId: "sc-1", start: 0, end: ALWAYS_WINDOW_END, station: "Kiruna" }),
    ).toEqual({
      start: "1970-01-01T00:00:00.000Z",
      end: null,
      station: "Kiruna",
      maxElevationDeg: null,
    });
  });

  it("maps a command to exactly the wire fields, without the deadline, and round-trips every instant", () => {
    const wire = toWireTelecommand(COMMAND);
    expect(telecommandWireSchema.strict().parse(wire)).toEqual(wire);
    expect("deadline" in wire).toBe(false);
    expect(wire).toMatchObject({
      status: "failed",
      failureReason: "timed_out",
      acknowledgedAt: null,
      version: 3,
      category: "platform",
      hazardous: true,
      dictionaryVersion: "0123456789abcdef",
    });
    expect(toWireTelecommand({ ...COMMAND, profile: null })).toMatchObject({
      category: null,
      hazardous: false,
      dictionaryVersion: null,
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (at) => {
        const text = formatInstant(at) as string;
        expect(Date.parse(text)).toBe(at);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }),
    );
  });
});
