import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StorageUnavailableError } from "../../src/errors.js";
import type { TransitionChainOutcome, TransitionChange } from "../../src/ports/telecommand-repository.js";
import type { DownlinkFrame } from "../../src/types.js";
import { ChainingRepository } from "../support/chaining-repository.js";
import { appliedSeqs, type DownlinkRig, downlinkRig, report, telemetry } from "./downlink-fixture.js";

const COMMANDS = 4;

const streamArb = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constantFrom("acceptance" as const, "completion" as const),
      command: fc.nat(COMMANDS - 1),
      success: fc.boolean(),
    }),
    fc.record({ kind: fc.constant("telemetry" as const), value: fc.integer({ min: 0, max: 9 }) }),
  ),
  { minLength: 1, maxLength: 30 },
);

type Stream = typeof streamArb extends fc.Arbitrary<infer S> ? S : never;

function framesOf(stream: Stream, ids: readonly string[]): DownlinkFrame[] {
  return stream.map((t, i) =>
    t.kind === "telemetry"
      ? telemetry(i + 1, { T: t.value })
      : report(i + 1, t.kind, ids[t.command] as string, t.success, t.success ? {} : { reason: "no" }),
  );
}

async function outcome(rig: DownlinkRig, ids: readonly string[]) {
  return {
    applied: appliedSeqs(rig.applied),
    outcomes: rig.applied.map((a) => a.outcome),
    statuses: await rig.statuses(ids),
    histories: await Promise.all(
      ids.map(async (id) => (await rig.service.history(id)).map(({ eventId: _, ...entry }) => entry)),
    ),
    telemetry: rig.downlink.telemetry("sc-1"),
  };
}

describe("DownlinkProcessor on a repository that writes chains", () => {
  it("gives the outcome of one-at-a-time application, whatever the order frames arrive in", async () => {
    await fc.assert(
      fc.asyncProperty(
        streamArb,
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

          expect(await outcome(chained, ids)).toEqual(await outcome(single, singleIds));
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
