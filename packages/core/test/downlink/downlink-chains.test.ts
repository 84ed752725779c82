import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StorageUnavailableError } from "../../src/errors.js";
import type { TransitionChainOutcome, TransitionChange } from "../../src/ports/telecommand-repository.js";
import { ChainingRepository } from "../support/chaining-repository.js";
import { appliedSeqs, downlinkRig, report } from "./downlink-fixture.js";
import { framesOf, outcomeOf, streamArb } from "./downlink-streams.js";

const COMMANDS = 4;

const COMMAND_STREAM = streamArb({ commands: COMMANDS, maxLength: 30, withTelemetry: true });

describe("DownlinkProcessor on a repository that writes chains", () => {
  it("gives the outcome of one-at-a-time application, whatever the order frames arrive in", async () => {
    await fc.assert(
      fc.asyncProperty(
        COMMAND_STREAM,
        fc.array(fc.integer(), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 2, max: 8 }),
        async (stream, keys, concurrency) => {
          const single = downlinkRig();
          const singleIds = await single.transmitted(COMMANDS);
          for (const frame of framesOf(stream, singleIds)) await single.downlink.receive(frame);

          const repository = new ChainingRepository();
          const chained = downlinkRig({ repository, options: { applyConcurrency: concurrency } });
          const ids = await chained.transmitted(COMMANDS);
          const shuffled = framesOf(stream, ids)
            .map((frame, i) => ({ frame, key: keys[i] ?? i }))
            .sort((a, b) => a.key - b.key)
            .map((o) => o.frame);
          await chained.downlink.receive(shuffled);

          expect(await outcomeOf(chained, ids)).toEqual(await outcomeOf(single, singleIds));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("writes each command's acceptance and completion in one chain when they arrive together", async () => {
    const repository = new ChainingRepository();
    const rig = downlinkRig({ repository, options: { applyConcurrency: 64 } });
    const ids = await rig.transmitted(10);
    const frames = ids.flatMap((id, i) => [
      report(2 * i + 1, "acceptance", id),
      report(2 * i + 2, "completion", id, i % 2 === 0, i % 2 === 0 ? {} : { reason: "no" }),
    ]);
    await rig.downlink.receive(frames);
    expect(repository.chains).toBe(10);
    expect(await rig.statuses(ids)).toEqual(ids.map((_, i) => (i % 2 === 0 ? "executed" : "failed")));
    expect(appliedSeqs(rig.applied)).toEqual(frames.map((f) => f.seq));
  });

  it("holds both frames of a chain that could not be stored, and applies them on the next delivery", async () => {
    let failures = 1;
    class FlakyChains extends ChainingRepository {
      override async transitionChain(changes: readonly TransitionChange[]): Promise<TransitionChainOutcome> {
        if (failures-- > 0) throw new StorageUnavailableError("connection lost");
        return super.transitionChain(changes);
      }
    }
    const rig = downlinkRig({ repository: new FlakyChains(), options: { applyConcurrency: 16 } });
    const [a] = (await rig.transmitted(1)) as [string];
    const frames = [report(1, "acceptance", a), report(2, "completion", a)];
    await expect(rig.downlink.receive(frames)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(rig.downlink.streamStatus()).toEqual([
      { spacecraftId: "sc-1", cursor: 0, pending: 2, gapSince: null },
    ]);
    await rig.downlink.receive(frames);
    expect(await rig.statuses([a])).toEqual(["executed"]);
    expect(rig.applied.map((x) => x.outcome)).toEqual(["transition", "transition"]);
  });
});
