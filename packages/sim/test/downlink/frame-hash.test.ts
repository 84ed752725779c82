import { type DownlinkFrame, frameFingerprint } from "@uplink/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frameHash53 } from "../../src/downlink/frame-hash.js";

/** cyrb53 over a string, written out here as the reference the streaming hash must match. */
function referenceCyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", '"', "\\", "\n", "\ud800"),
);
const number = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(
    -0,
    0,
    2 ** 53,
    -(2 ** 53),
    Number.MAX_SAFE_INTEGER,
    1e21,
    1e9,
    999_999_999,
    1e9 + 7,
    1893456000123,
  ),
  fc.integer({ min: 0, max: 9_007_199 }).map((k) => k * 1e9 - 1),
);
const frame = fc.record(
  {
    spacecraftId: text,
    seq: number,
    time: number,
    type: fc.oneof(fc.constantFrom("acceptance", "completion", "telemetry"), text),
    commandId: text,
    success: fc.boolean(),
    reason: text,
    parameters: fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.string(), fc.boolean())),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<DownlinkFrame>;

describe("frameHash53", () => {
  it("is cyrb53 of the frame's fingerprint, for any frame", () => {
    fc.assert(
      fc.property(frame, (f) => {
        expect(frameHash53(f)).toBe(referenceCyrb53(frameFingerprint(f)));
      }),
      { numRuns: 2000 },
    );
  });

  it("is cyrb53 of the fingerprint for the simulator's frames and for frames with fields of their own", () => {
    const frames: DownlinkFrame[] = [
      {
        spacecraftId: "sc-1",
        seq: 1,
        time: 1893456000000,
        type: "acceptance",
        commandId: "0192-a",
        success: true,
      },
      {
        spacecraftId: "sc-1",
        seq: 2,
        time: 1893456000001,
        type: "completion",
        commandId: "0192-a",
        success: false,
        reason: "execution failed on board",
      },
      {
        spacecraftId: "sc-1",
        seq: 3,
        time: 1893456000002,
        type: "telemetry",
        parameters: { BATT_V: 28.1, TEMP_C: 20 },
      },
      { spacecraftId: "sc-1", seq: 4, time: 5, type: "x", extra: [1, 2] } as DownlinkFrame,
    ];
    for (const f of frames) expect(frameHash53(f)).toBe(referenceCyrb53(frameFingerprint(f)));
    expect(frameHash53(frames[0] as DownlinkFrame)).not.toBe(frameHash53(frames[1] as DownlinkFrame));
  });
});
