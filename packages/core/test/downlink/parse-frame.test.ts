import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFrame, parseFrames } from "../../src/downlink/parse-frame.js";
import { parseRfc3339 } from "../../src/downlink/rfc3339.js";
import { ValidationError } from "../../src/errors.js";

const T0 = Date.UTC(2030, 0, 1);
const good = {
  spacecraftId: "sc-1",
  seq: 7,
  time: "2030-01-01T00:00:00Z",
  type: "acceptance",
  commandId: "c-1",
  success: true,
};

/** The ValidationError that `run` throws (fails the test when it throws nothing else). */
function errorOf(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

describe("parseFrame", () => {
  it("returns the frame with time in epoch milliseconds and extra fields kept", () => {
    expect(parseFrame({ ...good, stage: 2 })).toEqual({ ...good, time: T0, stage: 2 });
  });

  it("accepts epoch milliseconds for time", () => {
    expect(parseFrame({ ...good, time: T0 + 5 }).time).toBe(T0 + 5);
  });

  it("uses receivedAt when time is absent, and requires time otherwise", () => {
    const { time: _, ...noTime } = good;
    expect(parseFrame(noTime, T0 + 9).time).toBe(T0 + 9);
    expect(errorOf(() => parseFrame(noTime)).field).toBe("time");
  });

  it.each([
    ["spacecraftId", { spacecraftId: undefined }],
    ["spacecraftId", { spacecraftId: "" }],
    ["spacecraftId", { spacecraftId: 5 }],
    ["seq", { seq: undefined }],
    ["seq", { seq: 0 }],
    ["seq", { seq: 1.5 }],
    ["seq", { seq: "3" }],
    ["type", { type: undefined }],
    ["type", { type: "" }],
    ["time", { time: "2030-02-30T00:00:00Z" }],
    ["time", { time: "01/01/2030" }],
    ["time", { time: -1 }],
    ["time", { time: 1.5 }],
    ["commandId", { commandId: undefined }],
    ["commandId", { commandId: 42 }],
    ["success", { success: undefined }],
    ["success", { success: "true" }],
    ["reason", { success: false, reason: 3 }],
  ])("names %s when it is bad (%j)", (field, change) => {
    const error = errorOf(() => parseFrame({ ...good, ...change }));
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it("checks completion frames like acceptance frames", () => {
    expect(errorOf(() => parseFrame({ ...good, type: "completion", success: null })).field).toBe("success");
    expect(parseFrame({ ...good, type: "completion", success: false, reason: "no power" }).reason).toBe(
      "no power",
    );
  });

  it("checks telemetry parameters by name", () => {
    const telemetry = { spacecraftId: "sc-1", seq: 1, time: T0, type: "telemetry" };
    expect(parseFrame({ ...telemetry, parameters: { V: 28.1, MODE: "safe", ON: true } }).parameters).toEqual({
      V: 28.1,
      MODE: "safe",
      ON: true,
    });
    expect(errorOf(() => parseFrame(telemetry)).field).toBe("parameters");
    expect(errorOf(() => parseFrame({ ...telemetry, parameters: { V: null } })).field).toBe("parameters.V");
    expect(errorOf(() => parseFrame({ ...telemetry, parameters: { V: [1] } })).field).toBe("parameters.V");
  });

  it("accepts unknown types without report fields", () => {
    expect(parseFrame({ spacecraftId: "sc-1", seq: 2, time: T0, type: "beacon" }).type).toBe("beacon");
  });

  it("rejects a body that is not an object", () => {
    for (const body of [null, 3, "frame", [good]]) expect(errorOf(() => parseFrame(body)).field).toBe("body");
  });
});

describe("parseFrames", () => {
  it("takes one frame or a batch and names the index of a bad frame", () => {
    expect(parseFrames(good)).toHaveLength(1);
    expect(parseFrames([good, { ...good, seq: 8 }]).map((f) => f.seq)).toEqual([7, 8]);
    expect(errorOf(() => parseFrames([good, { ...good, seq: -1 }])).field).toBe("[1].seq");
    expect(errorOf(() => parseFrames([good, 5])).field).toBe("[1]");
    expect(errorOf(() => parseFrames([])).field).toBe("body");
  });
});

describe("parseRfc3339", () => {
  it("agrees with Date for every valid instant, in UTC and with offsets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("1000-01-01T00:00:00Z"), max: Date.parse("9000-01-01T00:00:00Z") }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (instant, offsetMinutes) => {
          const local = new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const abs = Math.abs(offsetMinutes);
          const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          expect(parseRfc3339(`${local}${offset}`)).toBe(instant);
          expect(parseRfc3339(new Date(instant).toISOString())).toBe(instant);
        },
      ),
    );
  });

  it("truncates digits past milliseconds and reads a leap second as the next minute", () => {
    expect(parseRfc3339("2030-01-01T00:00:00.123456789Z")).toBe(T0 + 123);
    expect(parseRfc3339("2029-12-31T23:59:60Z")).toBe(T0);
  });

  it.each([
    "2030-02-29T00:00:00Z",
    "2030-01-01T24:00:00Z",
    "2030-01-01T00:60:00Z",
    "2030-01-01T00:00:00",
    "2030-01-01",
  ])("rejects %s", (text) => {
    expect(parseRfc3339(text)).toBeNull();
  });
});
