import fc from "fast-check";

/** What one frame of a spacecraft's stream carries: a report to one of its commands, or telemetry. */
export type FrameContent =
  | { readonly kind: "acceptance" | "completion"; readonly command: number; readonly success: boolean }
  | { readonly kind: "telemetry"; readonly value: number };

/** One POST: frames (spacecraft index, seq, a conflicting copy or not) to process `to`. */
export interface PlannedPost {
  readonly to: number;
  readonly frames: readonly { readonly s: number; readonly seq: number; readonly conflicting: boolean }[];
}

/**
 * Frames of several spacecraft, lost, duplicated, given conflicting copies, shuffled and split
 * between API processes, with what must come of them.
 */
export interface DownlinkPlan {
  readonly spacecraft: readonly string[];
  readonly commandsPerSpacecraft: number;
  /** Per spacecraft, the content of seq 1, 2, … */
  readonly streams: readonly (readonly FrameContent[])[];
  readonly posts: readonly PlannedPost[];
  /** Requests in flight at once. */
  readonly wave: number;
  /** Per spacecraft, the highest seq delivered (0 when none). */
  readonly lastKept: readonly number[];
  /** `[spacecraft index, fromSeq, toSeq, "timeout"]` for each run of lost seqs below the last kept one, sorted. */
  readonly expectedGaps: readonly (readonly [number, number, number, string])[];
  /** Exact extra copies delivered (duplicates). */
  readonly copies: number;
  /** Conflicting copies delivered (one per frame that has one, whichever copy comes first). */
  readonly conflicts: number;
}

const COMMANDS = 4;
const SPACECRAFT = ["a", "b"];

/** A stream: steps that each send the next report of a command (acceptance, then completion) or telemetry. */
function streamArb(): fc.Arbitrary<FrameContent[]> {
  return fc
    .array(fc.tuple(fc.option(fc.nat(COMMANDS - 1), { freq: 4 }), fc.boolean(), fc.nat(9)), {
      minLength: 8,
      maxLength: 24,
    })
    .map((steps) => {
      const sent = new Array<number>(COMMANDS).fill(0);
      const frames: FrameContent[] = [];
      for (const [command, success, value] of steps) {
        if (command === null || (sent[command] as number) >= 2) {
          frames.push({ kind: "telemetry", value });
          continue;
        }
        frames.push({ kind: sent[command] === 0 ? "acceptance" : "completion", command, success });
        sent[command] = (sent[command] as number) + 1;
      }
      return frames;
    });
}

/** A plan over two spacecraft (ids to be made unique by the caller). */
export function downlinkPlanArb(): fc.Arbitrary<DownlinkPlan> {
  return fc
    .record({
      streams: fc.tuple(streamArb(), streamArb()),
      fates: fc.array(
        fc.constantFrom("kept", "kept", "kept", "kept", "lost", "twice", "thrice", "conflict"),
        {
          minLength: 24,
          maxLength: 24,
        },
      ),
      order: fc.array(fc.integer(), { minLength: 120, maxLength: 120 }),
      targets: fc.array(fc.nat(1), { minLength: 120, maxLength: 120 }),
      batch: fc.integer({ min: 1, max: 4 }),
      wave: fc.integer({ min: 2, max: 6 }),
    })
    .map(({ streams, fates, order, targets, batch, wave }) => {
      const deliveries: { s: number; seq: number; conflicting: boolean }[] = [];
      const lastKept = [0, 0];
      const expectedGaps: [number, number, number, string][] = [];
      let copies = 0;
      let conflicts = 0;
      streams.forEach((stream, s) => {
        const lost: number[] = [];
        stream.forEach((_, i) => {
          const seq = i + 1;
          const fate = fates[(i + s * 7) % fates.length];
          if (fate === "lost") {
            lost.push(seq);
            return;
          }
          lastKept[s] = seq;
          deliveries.push({ s, seq, conflicting: false });
          const extra = fate === "twice" ? 1 : fate === "thrice" ? 2 : 0;
          for (let k = 0; k < extra; k++) deliveries.push({ s, seq, conflicting: false });
          copies += extra;
          if (fate === "conflict") {
            deliveries.push({ s, seq, conflicting: true });
            conflicts++;
          }
        });
        for (const seq of lost) {
          if (seq > (lastKept[s] as number)) continue;
          const run = expectedGaps.at(-1);
          if (run && run[0] === s && run[2] === seq - 1) run[2] = seq;
          else expectedGaps.push([s, seq, seq, "timeout"]);
        }
      });
      const shuffled = deliveries
        .map((delivery, i) => ({
          delivery,
          key: order[i % order.length] as number,
          to: targets[i % targets.length] as number,
        }))
        .sort((x, y) => x.key - y.key);
      const posts: PlannedPost[] = [];
      for (const { delivery, to } of shuffled) {
        const last = posts.at(-1);
        if (last && last.to === to && last.frames.length < batch) (last.frames as unknown[]).push(delivery);
        else posts.push({ to, frames: [delivery] });
      }
      return {
        spacecraft: SPACECRAFT,
        commandsPerSpacecraft: COMMANDS,
        streams,
        posts,
        wave,
        lastKept,
        expectedGaps: expectedGaps.sort(),
        copies,
        conflicts,
      };
    });
}

const T0 = Date.UTC(2030, 0, 1);

/** The plan's posts as wire frames, its reports addressed to `ids[spacecraft][command]`. */
export function framesFor(
  plan: DownlinkPlan,
  ids: readonly (readonly string[])[],
): { readonly to: number; readonly frames: unknown[] }[] {
  return plan.posts.map(({ to, frames }) => ({
    to,
    frames: frames.map(({ s, seq, conflicting }) => {
      const content = plan.streams[s]?.[seq - 1] as FrameContent;
      const base = {
        spacecraftId: plan.spacecraft[s],
        seq,
        // A conflicting copy says the same at another time: whichever copy wins, it applies alike.
        time: new Date(T0 + seq * 1000 + (conflicting ? 1 : 0)).toISOString(),
      };
      if (content.kind === "telemetry")
        return { ...base, type: "telemetry", parameters: { V: content.value } };
      return {
        ...base,
        type: content.kind,
        commandId: ids[s]?.[content.command],
        success: content.success,
        ...(content.success ? {} : { reason: `${content.kind} refused` }),
      };
    }),
  }));
}
