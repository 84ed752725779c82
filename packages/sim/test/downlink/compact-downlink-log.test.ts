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

  it("frees on save only the frames the cursor passed, by small or large steps", () => {
    const log = new CompactDownlinkLog();
    for (let seq = 2; seq <= 10; seq++) log.append(makeFrame({ seq }), seq);
    log.append(makeFrame({ seq: 2 ** 40 }), 11);
    const progress = {
      spacecraftId: "sc-1",
      gaps: [],
      applied: 0,
      late: 0,
      unknownCommand: 0,
      unknownType: 0,
      telemetry: 0,
    };
    const heldSeqs = () => log.load("sc-1").held.map((h) => h.frame.seq);
    log.save({ ...progress, cursor: 0 });
    expect(heldSeqs()).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 2 ** 40]);
    log.save({ ...progress, cursor: 5 });
    expect(heldSeqs()).toEqual([6, 7, 8, 9, 10, 2 ** 40]);
    log.save({ ...progress, cursor: 3 });
    expect(log.load("sc-1").cursor).toBe(5);
    log.save({ ...progress, cursor: 2 ** 40 - 1 });
    expect(heldSeqs()).toEqual([2 ** 40]);
  });

  it("keeps the frames held beyond a cursor that never catches up, and frees those it passes", () => {
    const log = new CompactDownlinkLog();
    const progress = {
      spacecraftId: "sc-1",
      gaps: [],
      applied: 0,
      late: 0,
      unknownCommand: 0,
      unknownType: 0,
      telemetry: 0,
    };
    // Seq 1 never comes; every later seq is held, and the cursor trails two behind the newest.
    for (let seq = 2; seq <= 20_000; seq++) {
      expect(log.append(makeFrame({ seq }), seq)).toBe("new");
      if (seq > 3) log.save({ ...progress, cursor: seq - 2 });
    }
    expect(log.load("sc-1")).toEqual({
      cursor: 19_998,
      held: [19_999, 20_000].map((seq) => ({ frame: makeFrame({ seq }), at: seq })),
    });
    // Far beyond the window, and not a whole number: kept all the same.
    log.append(makeFrame({ seq: 19_998 + 70_000 }), 1);
    log.append(makeFrame({ seq: 20_000.5 }), 2);
    expect(log.load("sc-1").held.map((h) => h.frame.seq)).toEqual([89_998, 20_000.5, 19_999, 20_000]);
    log.save({ ...progress, cursor: 89_998 });
    expect(log.load("sc-1").held).toEqual([]);
  });
});
