import { makeFrame, runDownlinkLogContract } from "@uplink/core/testing";
import { describe, expect, it } from "vitest";
import { CompactDownlinkLog } from "../../src/downlink/compact-downlink-log.js";

runDownlinkLogContract("CompactDownlinkLog", () => ({ log: new CompactDownlinkLog() }));

describe("CompactDownlinkLog", () => {
  it("grows past its first block and keeps huge or negative seqs apart", async () => {
    const log = new CompactDownlinkLog();
    for (const seq of [1, 1023, 1024, 5000, 2 ** 26, 2 ** 40]) {
      expect(await log.append(makeFrame({ seq }), `fp-${seq}`)).toBe("new");
      expect(await log.append(makeFrame({ seq }), `fp-${seq}`)).toBe("duplicate");
      expect(await log.append(makeFrame({ seq }), `other-${seq}`)).toBe("conflict");
    }
    expect(await log.append(makeFrame({ seq: 1, spacecraftId: "sc-2" }), "fp-1")).toBe("new");
  });
});
