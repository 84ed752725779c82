import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/canonical-json.js";
import { frameFingerprint } from "../../src/downlink/frame-fingerprint.js";
import type { DownlinkFrame } from "../../src/types.js";

const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(undefined),
  fc.constant(null),
  fc.jsonValue(),
  fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(undefined))),
);

const frameLike = fc.record(
  {
    spacecraftId: value,
    seq: value,
    time: value,
    type: value,
    commandId: value,
    success: value,
    reason: value,
    parameters: value,
    extra: value,
  },
  { requiredKeys: [] },
);

describe("frameFingerprint", () => {
  it("equals canonicalJson for any frame-shaped object, with or without fields of its own", () => {
    fc.assert(
      fc.property(frameLike, fc.boolean(), (frame, reversed) => {
        const input = reversed ? Object.fromEntries(Object.entries(frame).reverse()) : frame;
        expect(frameFingerprint(input as unknown as DownlinkFrame)).toBe(canonicalJson(input));
      }),
      { numRuns: 2000 },
    );
  });

  it("tells frames apart by content and not by key order", () => {
    const a = { spacecraftId: "sc-1", seq: 1, time: 5, type: "telemetry", parameters: { B: 1, A: 2 } };
    const b = { parameters: { A: 2, B: 1 }, type: "telemetry", time: 5, seq: 1, spacecraftId: "sc-1" };
    expect(frameFingerprint(a)).toBe(frameFingerprint(b));
    expect(frameFingerprint(a)).not.toBe(frameFingerprint({ ...a, parameters: { A: 2, B: 2 } }));
  });
});
