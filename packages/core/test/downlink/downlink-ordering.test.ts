import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DownlinkFrame } from "../../src/types.js";
import { appliedSeqs, type DownlinkRig, downlinkRig, report, telemetry } from "./downlink-fixture.js";

const GAP = 5_000;
const SPACECRAFT = ["sc-1", "sc-2"] as const;
const COMMANDS_PER_SPACECRAFT = 3;

/** What a frame carries, before it is given a seq and a command id. */
type Template =
  | { kind: "acceptance" | "completion"; command: number; success: boolean }
  | { kind: "telemetry"; value: number };

const templateArb: fc.Arbitrary<Template> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("acceptance" as const, "completion" as const),
    command: fc.nat(COMMANDS_PER_SPACECRAFT - 1),
    success: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("telemetry" as const), value: fc.integer({ min: -50, max: 50 }) }),
);

/** Per spacecraft, the contents of its stream in seq order. */
const streamsArb = fc.tuple(
  fc.array(templateArb, { minLength: 1, maxLength: 25 }),
  fc.array(templateArb, { maxLength: 15 }),
);

/** Each command belongs to one spacecraft, so its reports come from one ordered stream. */
async function commandsOf(rig: DownlinkRig): Promise<Record<string, string[]>> {
  const ids: Record<string, string[]> = {};
  for (const sc of SPACECRAFT) ids[sc] = await rig.transmitted(COMMANDS_PER_SPACECRAFT, sc);
  return ids;
}

function framesOf(streams: readonly (readonly Template[])[], ids: Record<string, string[]>): DownlinkFrame[] {
  return streams.flatMap((templates, s) => {
    const sc = SPACECRAFT[s] as string;
    return templates.map((t, i) =>
      t.kind === "telemetry"
        ? telemetry(i + 1, { T: t.value, [`P${i % 3}`]: i }, sc)
        : report(i + 1, t.kind, ids[sc]?.[t.command] as string, t.success, {
            spacecraftId: sc,
            ...(t.success ? {} : { reason: `${t.kind} failed` }),
          }),
    );
  });
}

/** Everything a delivery order must not change: applied seqs, command states and histories, telemetry. */
async function outcome(rig: DownlinkRig, ids: Record<string, string[]>) {
  const all = Object.values(ids).flat();
  return {
    applied: SPACECRAFT.map((sc) => appliedSeqs(rig.applied, sc)),
    statuses: await rig.statuses(all),
    histories: await Promise.all(
      all.map(async (id) => (await rig.service.history(id)).map(({ eventId: _, ...entry }) => entry)),
    ),
    telemetry: SPACECRAFT.map((sc) => rig.downlink.telemetry(sc)),
  };
}

/** Reorders `frames` by the sort keys, with the picked duplicates mixed in, and cuts them into batches. */
function deliveryOf(
  frames: DownlinkFrame[],
  keys: number[],
  dupPicks: number[],
  sizes: number[],
): DownlinkFrame[][] {
  const dups = frames.length === 0 ? [] : dupPicks.map((i) => frames[i % frames.length] as DownlinkFrame);
  const withDups = [...frames, ...dups];
  const order = withDups.map((frame, i) => ({ frame, key: keys[i] ?? i }));
  order.sort((a, b) => a.key - b.key);
  const batches: DownlinkFrame[][] = [];
  for (let at = 0, b = 0; at < order.length; b++) {
    const size = sizes.length > 0 ? (sizes[b % sizes.length] as number) : 1;
    batches.push(order.slice(at, at + size).map((o) => o.frame));
    at += size;
  }
  return batches;
}

async function deliver(rig: DownlinkRig, batches: DownlinkFrame[][], concurrent: boolean): Promise<void> {
  if (concurrent) await Promise.all(batches.map((batch) => rig.downlink.receive(batch)));
  else for (const batch of batches) await rig.downlink.receive(batch);
}

const deliveryArb = fc.record({
  keys: fc.array(fc.integer(), { minLength: 80, maxLength: 80 }),
  dupPicks: fc.array(fc.nat(), { maxLength: 15 }),
  sizes: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 6 }),
  concurrent: fc.boolean(),
});

describe("DownlinkProcessor delivery order (issue 2, test 4)", () => {
  it("applies any shuffle and duplication of a stream exactly as in-order delivery", async () => {
    await fc.assert(
      fc.asyncProperty(streamsArb, deliveryArb, async (streams, { keys, dupPicks, sizes, concurrent }) => {
        const inOrder = downlinkRig();
        const inOrderIds = await commandsOf(inOrder);
        for (const frame of framesOf(streams, inOrderIds)) await inOrder.downlink.receive(frame);

        const shuffled = downlinkRig();
        const ids = await commandsOf(shuffled);
        const frames = framesOf(streams, ids);
        await deliver(shuffled, deliveryOf(frames, keys, dupPicks, sizes), concurrent);
        await shuffled.downlink.idle();

        expect(ids).toEqual(inOrderIds);
        const expected = await outcome(inOrder, inOrderIds);
        expect(expected.applied).toEqual(streams.map((s) => s.map((_, i) => i + 1)));
        expect(await outcome(shuffled, ids)).toEqual(expected);
        expect(shuffled.downlink.stats()).toMatchObject({
          accepted: frames.length,
          applied: frames.length,
          duplicates: dupPicks.length,
          conflicts: 0,
          gaps: 0,
          late: 0,
          buffered: 0,
        });
        expect(shuffled.clock.pending).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it("skips missing frames only once the gap timeout has passed, and counts them", async () => {
    await fc.assert(
      fc.asyncProperty(
        streamsArb,
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        deliveryArb,
        async (streams, lost, { keys, dupPicks, sizes, concurrent }) => {
          const rig = downlinkRig();
          const ids = await commandsOf(rig);
          const frames = framesOf(streams, ids);
          const isLost = (f: DownlinkFrame): boolean =>
            lost[f.seq - 1 + (f.spacecraftId === "sc-1" ? 0 : 25)] ?? false;
          const kept = frames.filter((f) => !isLost(f));
          await deliver(rig, deliveryOf(kept, keys, dupPicks, sizes), concurrent);

          const keptSeqs = SPACECRAFT.map((sc) =>
            kept.filter((f) => f.spacecraftId === sc).map((f) => f.seq),
          );
          const beforeGap = keptSeqs.map((seqs) => seqs.filter((seq, i) => seq === i + 1));
          await rig.clock.advanceAsync(GAP - 1);
          await rig.downlink.idle();
          expect(SPACECRAFT.map((sc) => appliedSeqs(rig.applied, sc))).toEqual(beforeGap);
          expect(rig.downlink.stats().gaps).toBe(0);

          await rig.clock.advanceAsync(1);
          await rig.downlink.idle();
          expect(SPACECRAFT.map((sc) => appliedSeqs(rig.applied, sc))).toEqual(keptSeqs);
          const missing = keptSeqs.reduce(
            (sum, seqs) => sum + (seqs.length ? (seqs.at(-1) as number) - seqs.length : 0),
            0,
          );
          expect(rig.downlink.stats()).toMatchObject({
            gaps: missing,
            late: 0,
            buffered: 0,
            applied: kept.length,
          });

          // The commands end as if the kept frames had been delivered in order without holes.
          const reference = downlinkRig();
          const refIds = await commandsOf(reference);
          const renumbered = SPACECRAFT.flatMap((sc) =>
            framesOf([streams[0], streams[1]], refIds)
              .filter((f) => f.spacecraftId === sc && !isLost(f))
              .map((f, i) => ({ ...f, seq: i + 1 })),
          );
          for (const frame of renumbered) await reference.downlink.receive(frame);
          expect(await rig.statuses(Object.values(ids).flat())).toEqual(
            await reference.statuses(Object.values(refIds).flat()),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
