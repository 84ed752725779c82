import { type DownlinkFrame, InMemoryDownlinkLog, StorageUnavailableError } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { SystemClock } from "../../src/adapters/node/system-clock.js";
import { InProcessDownlink } from "../../src/composition/in-process-downlink.js";

const frame = (seq: number, spacecraftId = "sc-1"): DownlinkFrame => ({
  spacecraftId,
  seq,
  time: 1_893_456_000_000 + seq,
  type: "telemetry",
  parameters: { N: seq },
});

/** A receiver that records batches and can be told to fail. */
function receiver(failures = 0) {
  const batches: DownlinkFrame[][] = [];
  let left = failures;
  return {
    batches,
    async receive(frames: readonly DownlinkFrame[]) {
      if (left-- > 0) throw new StorageUnavailableError("down");
      batches.push([...frames]);
    },
  };
}

describe("InProcessDownlink", () => {
  it("numbers each spacecraft's frames after the cursor the ground already has", async () => {
    const log = new InMemoryDownlinkLog();
    log.save({
      spacecraftId: "sc-1",
      cursor: 41,
      gaps: [],
      applied: 0,
      late: 0,
      unknownCommand: 0,
      unknownType: 0,
      telemetry: 0,
    });
    const downlink = receiver();
    const link = new InProcessDownlink({ downlink, log, clock: new SystemClock() });
    for (const f of [frame(1), frame(2), frame(1, "sc-2"), frame(3)]) link.sink(f);
    await link.flush();
    const delivered = downlink.batches.flat().map((f) => `${f.spacecraftId}/${f.seq}`);
    expect(delivered).toEqual(["sc-1/42", "sc-1/43", "sc-2/1", "sc-1/44"]);
    expect(downlink.batches.flat()[0]).toMatchObject({ type: "telemetry", parameters: { N: 1 } });
  });

  it("retries a batch that could not be stored, in order, and loses nothing", async () => {
    const downlink = receiver(2);
    const retries: number[] = [];
    const link = new InProcessDownlink({
      downlink,
      log: new InMemoryDownlinkLog(),
      clock: new SystemClock(),
      onRetry: (_error, frames) => retries.push(frames),
    });
    link.sink(frame(1));
    link.sink(frame(2));
    await link.flush();
    // The first attempt left with the one frame queued by then; the retry takes both.
    expect(retries).toEqual([1, 2]);
    expect(downlink.batches.flat().map((f) => f.seq)).toEqual([1, 2]);
    expect(link.pending).toBe(0);
  });

  it("stops taking frames once stopped", async () => {
    const downlink = receiver();
    const link = new InProcessDownlink({
      downlink,
      log: new InMemoryDownlinkLog(),
      clock: new SystemClock(),
    });
    await link.stop();
    link.sink(frame(1));
    await link.flush();
    expect(downlink.batches).toEqual([]);
  });
});
