import { makeFrame, runDownlinkLogContract } from "@uplink/core/testing";
import { describe, expect, it } from "vitest";
import { CompactDownlinkLog } from "../../src/downlink/compact-downlink-log.js";

runDownlinkLogContract("CompactDownlinkLog", () => ({ log: new CompactDownlinkLog() }));

describe("CompactDownlinkLog", () => {
  it("grows past its first block and keeps huge or negative seqs apart", async () => {
    const log = new CompactDownlinkLog();
    for (const seq of [1, 1023, 1024, 5000, 2 ** 26, 2 ** 40]) {
      expect(log.append(makeFrame({ seq }), 0)).toBe("new");
      expect(log.append(makeFrame({ seq }), 0)).toBe("duplicate");
      expect(log.append(makeFrame({ seq, parameters: { v: -1 } }), 0)).toBe("conflict");
    }
    expect(log.append(makeFrame({ seq: 1, spacecraftId: "sc-2" }), 0)).toBe("new");
  });
});
