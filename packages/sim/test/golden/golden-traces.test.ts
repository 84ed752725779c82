import { describe, expect, it } from "vitest";
import { currentTraceHashes, engineVersion, GOLDEN_SCENARIOS, readGoldenTraces } from "./golden-traces.js";

describe("golden traces", () => {
  it("match the hashes accepted for this engine version (npm run accept-traces -w @uplink/sim to accept a change)", async () => {
    const engine = engineVersion();
    const accepted = readGoldenTraces()[engine];
    expect(
      accepted,
      `no trace hashes accepted for ${engine} in packages/sim/golden-traces.json`,
    ).toBeDefined();
    expect(Object.keys(accepted ?? {}).sort()).toEqual(Object.keys(GOLDEN_SCENARIOS).sort());
    expect(
      await currentTraceHashes(),
      "the simulator's behaviour changed: if on purpose, run `npm run accept-traces -w @uplink/sim` and commit golden-traces.json",
    ).toEqual(accepted);
  });
});
