import { describe, expect, it } from "vitest";
import { parseFrame, parseFrames } from "../../src/downlink/parse-frame.js";
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

  it("accepts epoch milliseconds, offsets and fractions for time", () => {
    expect(parseFrame({ ...good, time: T0 + 5 }).time).toBe(T0 + 5);
    expect(parseFrame({ ...good, time: "2030-01-01T02:00:00.250+02:00" }).time).toBe(T0 + 250);
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
