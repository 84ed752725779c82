import { type DownlinkFrame, frameFingerprint } from "@uplink/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frameHash53 } from "../../src/downlink/frame-hash.js";

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", '"', "\\", "\n", "\ud800", "sc-1", "acceptance"),
);
const number = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(
    -0,
    0,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    Number.MAX_SAFE_INTEGER,
    1e21,
    2 ** 32,
    1893456000123,
  ),
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

/** A frame with the same fingerprint: keys in another order, an undefined field, -0 for 0. */
function sameFingerprint(f: DownlinkFrame): DownlinkFrame {
  const entries = Object.entries(f).reverse();
  const copy = Object.fromEntries(entries.map(([k, v]) => [k, v === 0 ? -0 : v])) as Record<string, unknown>;
  copy.reason ??= undefined;
  copy.note = undefined;
  return copy as unknown as DownlinkFrame;
}

const sim = (over: Partial<DownlinkFrame> = {}): DownlinkFrame => ({
  spacecraftId: "sc-1",
  seq: 7,
  time: 1893456000000,
  type: "acceptance",
  commandId: "0192e8a0-1234-7abc-8def-0123456789ab",
  success: true,
  ...over,
});

describe("frameHash53", () => {
  it("hashes frames with equal fingerprints equal, whatever their keys' order or undefined fields", () => {
    fc.assert(
      fc.property(frame, (f) => {
        const g = sameFingerprint(f);
        expect(frameFingerprint(g)).toBe(frameFingerprint(f));
        expect(frameHash53(g)).toBe(frameHash53(f));
      }),
      { numRuns: 2000 },
    );
  });

  it("hashes frames with different fingerprints apart", () => {
    fc.assert(
      fc.property(frame, frame, (f, g) => {
        fc.pre(frameFingerprint(f) !== frameFingerprint(g));
        expect(frameHash53(f)).not.toBe(frameHash53(g));
      }),
      { numRuns: 2000 },
    );
  });

  it("tells apart the simulator's frames that differ in one value, in a 53-bit whole number", () => {
    const frames = [
      sim(),
      sim({ seq: 8 }),
      sim({ time: 1893456000001 }),
      sim({ time: 1893456000000 + 2 ** 32 }),
      sim({ success: false }),
      sim({ success: false, reason: "execution failed on board" }),
      sim({ type: "completion" }),
      sim({ commandId: "0192e8a0-1234-7abc-8def-0123456789ac" }),
      sim({ spacecraftId: "sc-2" }),
      sim({ seq: -7 }),
      sim({ seq: 7.5 }),
      sim({ commandId: 'a"b' }),
      { spacecraftId: "sc-1", seq: 3, time: 5, type: "telemetry", parameters: { BATT_V: 28.1 } },
      { ...sim(), extra: [1, 2] } as DownlinkFrame,
    ];
    const hashes = frames.map(frameHash53);
    expect(new Set(hashes).size).toBe(frames.length);
    for (const h of hashes) expect(Number.isSafeInteger(h) && h >= 0 && h < 2 ** 53).toBe(true);
  });
});
