import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { StorageUnavailableError } from "../../src/errors.js";
import type { TransitionChange, TransitionOutcome } from "../../src/ports/telecommand-repository.js";
import { appliedSeqs, downlinkRig, report } from "./downlink-fixture.js";
import { framesOf, outcomeOf, streamArb } from "./downlink-streams.js";

const COMMANDS = 4;

const COMMAND_STREAM = streamArb({ commands: COMMANDS, maxLength: 30, withTelemetry: true });

describe("DownlinkProcessor with applyConcurrency > 1", () => {
  it("gives the outcome of one-at-a-time application, reported in seq order", async () => {
    await fc.assert(
      fc.asyncProperty(
        COMMAND_STREAM,
        fc.array(fc.integer(), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 2, max: 8 }),
        async (stream, keys, concurrency) => {
          const single = downlinkRig();
          const singleIds = await single.transmitted(COMMANDS);
          for (const frame of framesOf(stream, singleIds)) await single.downlink.receive(frame);

          const batched = downlinkRig({ options: { applyConcurrency: concurrency } });
          const ids = await batched.transmitted(COMMANDS);
          const frames = framesOf(stream, ids);
          const shuffled = frames
            .map((frame, i) => ({ frame, key: keys[i] ?? i }))
            .sort((a, b) => a.key - b.key)
            .map((o) => o.frame);
          await batched.downlink.receive(shuffled);

          expect(await outcomeOf(batched, ids)).toEqual(await outcomeOf(single, singleIds));
          expect(batched.downlink.stats()).toMatchObject({ applied: frames.length, buffered: 0, gaps: 0 });
        },
      ),
      { numRuns: 100 },
    );
  });

  it("holds the frames from a failed application on, and applies them on the next delivery", async () => {
    let failures = 1;
    class FlakyRepository extends InMemoryTelecommandRepository {
      override async transition(change: TransitionChange): Promise<TransitionOutcome> {
        if (change.to === "executed" && failures-- > 0) throw new StorageUnavailableError("connection lost");
        return super.transition(change);
      }
    }
    const rig = downlinkRig({ repository: new FlakyRepository(), options: { applyConcurrency: 16 } });
    const [a, b] = await rig.transmitted(2);
    const frames = [
      report(1, "acceptance", a as string),
      report(2, "acceptance", b as string),
      report(3, "completion", a as string),
      report(4, "completion", b as string),
    ];
    await expect(rig.downlink.receive(frames)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(rig.downlink.streamStatus()).toEqual([
      { spacecraftId: "sc-1", cursor: 2, pending: 2, gapSince: null },
    ]);

    // The sender retries the batch: everything stored is a duplicate, and the held frames are applied.
    await rig.downlink.receive(frames);
    expect(await rig.statuses([a as string, b as string])).toEqual(["executed", "executed"]);
    expect(appliedSeqs(rig.applied)).toEqual([1, 2, 3, 4]);
    // b's completion had been applied before a's failure was known: applied again, it is ignored.
    expect(rig.applied.map((x) => x.outcome)).toEqual(["transition", "transition", "transition", "ignored"]);
    expect(rig.downlink.streamStatus()).toEqual([
      { spacecraftId: "sc-1", cursor: 4, pending: 0, gapSince: null },
    ]);
    expect((await rig.log.load("sc-1")).cursor).toBe(4);
  });
});
