import { describe, expect, it } from "vitest";
import { InMemoryDownlinkLog } from "../../src/adapters/in-memory-downlink-log.js";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { ConfigError, StorageUnavailableError, ValidationError } from "../../src/errors.js";
import type { TransitionChange, TransitionOutcome } from "../../src/ports/telecommand-repository.js";
import type { DownlinkFrame } from "../../src/types.js";
import { appliedSeqs, downlinkRig, report, T0, telemetry } from "./downlink-fixture.js";

const GAP = 5_000;
const tm = (seq: number, spacecraftId = "sc-1"): DownlinkFrame => telemetry(seq, { N: seq }, spacecraftId);

describe("DownlinkProcessor sequencing", () => {
  it("applies in-order frames at once and saves the cursor", async () => {
    const rig = downlinkRig();
    const result = await rig.downlink.receive([tm(1), tm(2), tm(3)]);
    expect(result).toMatchObject({ received: 3, accepted: 3, applied: 3, buffered: 0, pending: 0 });
    expect(appliedSeqs(rig.applied)).toEqual([1, 2, 3]);
    expect((await rig.log.load("sc-1")).cursor).toBe(3);
    expect(rig.clock.pending).toBe(0);
  });

  it("holds frames past a gap and applies them once it is filled, without a gap", async () => {
    const rig = downlinkRig();
    const held = await rig.downlink.receive([tm(3), tm(2)]);
    expect(held).toMatchObject({ accepted: 2, buffered: 2, applied: 0, pending: 2 });
    expect(rig.clock.pending).toBe(1);
    const filled = await rig.downlink.receive(tm(1));
    expect(filled).toMatchObject({ accepted: 1, applied: 3, pending: 0 });
    expect(appliedSeqs(rig.applied)).toEqual([1, 2, 3]);
    expect(rig.clock.pending).toBe(0);
    await rig.clock.advanceAsync(GAP * 2);
    expect(rig.downlink.stats()).toMatchObject({ gaps: 0, applied: 3, buffered: 0 });
  });

  it("skips a missing frame only when the gap timeout has passed, and records it", async () => {
    const rig = downlinkRig();
    await rig.downlink.receive([tm(1), tm(3), tm(4)]);
    await rig.clock.advanceAsync(GAP - 1);
    expect(appliedSeqs(rig.applied)).toEqual([1]);
    expect(rig.downlink.stats()).toMatchObject({ gaps: 0, buffered: 2 });
    await rig.clock.advanceAsync(1);
    expect(appliedSeqs(rig.applied)).toEqual([1, 3, 4]);
    expect(rig.downlink.stats()).toMatchObject({ gaps: 1, buffered: 0 });
    expect(rig.downlink.recentGaps()).toEqual([
      { spacecraftId: "sc-1", fromSeq: 2, toSeq: 2, at: T0 + GAP, cause: "timeout" },
    ]);
    expect((await rig.log.load("sc-1")).cursor).toBe(4);
  });

  it("times a gap from the first frame that showed it", async () => {
    const rig = downlinkRig();
    await rig.downlink.receive([tm(1), tm(4)]);
    await rig.clock.advanceAsync(3_000);
    await rig.downlink.receive(tm(2)); // fills part of the gap; 3 has been missing since 4 arrived
    await rig.clock.advanceAsync(GAP - 3_000 - 1);
    expect(appliedSeqs(rig.applied)).toEqual([1, 2]);
    await rig.clock.advanceAsync(1);
    expect(appliedSeqs(rig.applied)).toEqual([1, 2, 4]);
    expect(rig.downlink.recentGaps().map((g) => [g.fromSeq, g.toSeq, g.at])).toEqual([[3, 3, T0 + GAP]]);
  });

  it("skips every gap that has waited long enough in one go, and waits afresh for a newer one", async () => {
    const rig = downlinkRig();
    await rig.downlink.receive([tm(2), tm(4), tm(6)]);
    await rig.clock.advanceAsync(1_000);
    await rig.downlink.receive(tm(9));
    await rig.clock.advanceAsync(GAP - 1_000);
    expect(appliedSeqs(rig.applied)).toEqual([2, 4, 6]);
    expect(rig.downlink.stats().gaps).toBe(3);
    await rig.clock.advanceAsync(999);
    expect(appliedSeqs(rig.applied)).toEqual([2, 4, 6]);
    await rig.clock.advanceAsync(1);
    expect(appliedSeqs(rig.applied)).toEqual([2, 4, 6, 9]);
    expect(rig.downlink.recentGaps().map((g) => [g.fromSeq, g.toSeq])).toEqual([
      [1, 1],
      [3, 3],
      [5, 5],
      [7, 8],
    ]);
    expect(rig.downlink.stats().gaps).toBe(5);
  });

  it("skips the gap at once when the reorder buffer overflows", async () => {
    const rig = downlinkRig({ options: { maxBuffered: 3 } });
    await rig.downlink.receive([tm(3), tm(4), tm(5)]);
    expect(appliedSeqs(rig.applied)).toEqual([]);
    const overflow = await rig.downlink.receive(tm(7));
    expect(overflow.applied).toBe(3);
    expect(appliedSeqs(rig.applied)).toEqual([3, 4, 5]);
    expect(rig.downlink.recentGaps().map((g) => [g.fromSeq, g.toSeq, g.cause])).toEqual([[1, 2, "overflow"]]);
    expect(rig.downlink.stats()).toMatchObject({ gaps: 2, buffered: 1 });
  });

  it("applies a frame that arrives after its gap was skipped and counts it late", async () => {
    const rig = downlinkRig();
    const [id] = (await rig.transmitted(1)) as [string];
    await rig.downlink.receive([tm(1), report(3, "completion", id)]);
    await rig.clock.advanceAsync(GAP);
    const late = await rig.downlink.receive(report(2, "acceptance", id));
    expect(late).toMatchObject({ accepted: 1, late: 1, applied: 1 });
    expect(rig.applied.at(-1)).toMatchObject({ late: true, outcome: "ignored" });
    expect(await rig.statuses([id])).toEqual(["executed"]);
    expect(rig.downlink.stats()).toMatchObject({ late: 1, gaps: 1, applied: 3 });
  });

  it("drops duplicates, keeps the first of conflicting frames, and counts both", async () => {
    const rig = downlinkRig();
    const [a, b] = (await rig.transmitted(2)) as [string, string];
    await rig.downlink.receive([report(1, "acceptance", a), report(3, "acceptance", b)]);
    const again = await rig.downlink.receive([
      report(1, "acceptance", a),
      report(1, "acceptance", a, false, { reason: "unknown command" }),
      report(3, "acceptance", b),
      report(3, "acceptance", b, false),
      report(2, "acceptance", b, false, { reason: "checksum" }),
      report(2, "acceptance", b),
    ]);
    expect(again).toMatchObject({ accepted: 1, duplicates: 2, conflicts: 3, applied: 2 });
    expect(await rig.statuses([a, b])).toEqual(["acknowledged", "failed"]);
    expect((await rig.service.get(b)).failureReason).toBe("rejected");
    expect(rig.downlink.stats()).toMatchObject({
      received: 8,
      accepted: 3,
      duplicates: 2,
      conflicts: 3,
      applied: 3,
    });
  });

  it("serialises concurrent calls for one spacecraft: each frame once, in order", async () => {
    const rig = downlinkRig();
    const calls = [[tm(4), tm(2)], [tm(1)], [tm(3), tm(1)], [tm(2), tm(5)], [tm(5)]];
    await Promise.all(calls.map((frames) => rig.downlink.receive(frames)));
    expect(appliedSeqs(rig.applied)).toEqual([1, 2, 3, 4, 5]);
    expect(rig.downlink.stats()).toMatchObject({ accepted: 5, duplicates: 3, applied: 5 });
  });

  it("keeps each spacecraft's sequence apart", async () => {
    const rig = downlinkRig();
    await rig.downlink.receive([tm(2, "sc-2"), tm(1, "sc-1"), tm(1, "sc-2"), tm(3, "sc-1")]);
    expect(appliedSeqs(rig.applied, "sc-1")).toEqual([1]);
    expect(appliedSeqs(rig.applied, "sc-2")).toEqual([1, 2]);
    expect(rig.downlink.streamStatus()).toEqual([
      { spacecraftId: "sc-1", cursor: 1, pending: 1, gapSince: T0 },
      { spacecraftId: "sc-2", cursor: 2, pending: 0, gapSince: null },
    ]);
  });

  it("continues after the log's cursor when restarted, and takes back stored frames it lost", async () => {
    const log = new InMemoryDownlinkLog();
    const first = downlinkRig({ log });
    await first.downlink.receive([tm(1), tm(2), tm(4)]);
    await first.downlink.stop();
    const second = downlinkRig({ log });
    const resent = await second.downlink.receive([tm(2), tm(4), tm(3)]);
    expect(resent).toMatchObject({ duplicates: 2, accepted: 1, applied: 2 });
    expect(appliedSeqs(second.applied)).toEqual([3, 4]);
    expect((await log.load("sc-1")).cursor).toBe(4);
  });

  it("keeps a frame whose command update failed, and applies it when it is sent again", async () => {
    let failures = 1;
    class FlakyRepository extends InMemoryTelecommandRepository {
      override async transition(change: TransitionChange): Promise<TransitionOutcome> {
        if (change.source === "spacecraft" && failures-- > 0)
          throw new StorageUnavailableError("connection reset");
        return super.transition(change);
      }
    }
    const rig = downlinkRig({ repository: new FlakyRepository() });
    const [id] = (await rig.transmitted(1)) as [string];
    await expect(rig.downlink.receive([tm(1), report(2, "acceptance", id), tm(3)])).rejects.toThrow(
      StorageUnavailableError,
    );
    expect((await rig.log.load("sc-1")).cursor).toBe(1);
    await rig.downlink.receive([tm(1), report(2, "acceptance", id), tm(3)]);
    expect(appliedSeqs(rig.applied)).toEqual([1, 2, 3]);
    expect(await rig.statuses([id])).toEqual(["acknowledged"]);
  });

  it("rejects a frame without a usable seq or spacecraft before changing anything", async () => {
    const rig = downlinkRig();
    const bad = { ...tm(2), seq: 0 };
    // Refused synchronously: the check runs before any port is called.
    expect(() => rig.downlink.receive([tm(1), bad])).toThrow(expect.objectContaining({ field: "[1].seq" }));
    expect(() => rig.downlink.receive({ ...tm(1), spacecraftId: "" })).toThrow(ValidationError);
    expect(rig.downlink.stats()).toMatchObject({ received: 0, accepted: 0, applied: 0 });
    expect(await rig.log.append(tm(1), T0)).toBe("new");
  });

  it("cancels gap timers on stop", async () => {
    const rig = downlinkRig();
    await rig.downlink.receive(tm(2));
    expect(rig.clock.pending).toBe(1);
    await rig.downlink.stop();
    expect(rig.clock.pending).toBe(0);
    await rig.clock.advanceAsync(GAP * 2);
    expect(rig.applied).toEqual([]);
  });

  it("refuses unusable options", () => {
    expect(() => downlinkRig({ options: { gapTimeoutMs: -1 } })).toThrow(ConfigError);
    expect(() => downlinkRig({ options: { maxBuffered: 0 } })).toThrow(ConfigError);
  });
});
