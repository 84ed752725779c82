import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  drainHeld,
  expireGaps,
  gapDeadline,
  putBack,
  type SequencingEffects,
  type StreamState,
  sequenceFrame,
} from "../../src/downlink/stream-sequencing.js";
import type { FrameArrival, GapCause } from "../../src/ports/downlink-log.js";
import type { DownlinkFrame } from "../../src/types.js";
import { T0, telemetry } from "./downlink-fixture.js";

const OPTIONS = { gapTimeoutMs: 5_000, maxBuffered: 4 };

/** A state and a record of every effect, as `take:SEQ`, `late:SEQ` and `skip:FROM-TO:CAUSE`. */
function rig(cursor = 0, options = OPTIONS) {
  const state: StreamState = { cursor, held: new Map() };
  const effects: string[] = [];
  const sink: SequencingEffects = {
    take: (frame, late) => effects.push(`${late ? "late" : "take"}:${frame.seq}`),
    skip: (from, to, cause: GapCause) => effects.push(`skip:${from}-${to}:${cause}`),
  };
  const arrive = (seq: number, arrival: FrameArrival = "new", now = T0) =>
    sequenceFrame(state, tm(seq), arrival, now, options, sink);
  return { state, effects, sink, arrive };
}

const tm = (seq: number): DownlinkFrame => telemetry(seq, { N: seq });

describe("the downlink's sequencing decision", () => {
  it("takes the frame after the cursor, with the held frames that follow it", () => {
    const { state, effects, arrive } = rig();
    expect(arrive(3)).toBe("held");
    expect(arrive(2)).toBe("held");
    expect(effects).toEqual([]);
    expect(arrive(1)).toBe("taken");
    expect(effects).toEqual(["take:1", "take:2", "take:3"]);
    expect(state).toEqual({ cursor: 3, held: new Map() });
  });

  it("drops conflicts always, and duplicates unless stored beyond the cursor and not held", () => {
    const { state, effects, arrive } = rig(5);
    expect(arrive(7)).toBe("held");
    expect(arrive(7, "duplicate")).toBe("dropped");
    expect(arrive(4, "duplicate")).toBe("dropped");
    expect(arrive(6, "conflict")).toBe("dropped");
    // Stored by an owner that lost it from memory: its first copy is this content.
    expect(arrive(8, "duplicate")).toBe("held");
    expect(arrive(6, "duplicate")).toBe("taken");
    expect(effects).toEqual(["take:6", "take:7", "take:8"]);
    expect(state.cursor).toBe(8);
  });

  it("takes a new frame behind the cursor late", () => {
    const { effects, arrive } = rig(10);
    expect(arrive(4)).toBe("late");
    expect(effects).toEqual(["late:4"]);
  });

  it("skips the gap at once when more than maxBuffered frames are held", () => {
    const { state, effects, arrive } = rig();
    for (const seq of [3, 4, 6, 8]) arrive(seq);
    expect(effects).toEqual([]);
    arrive(9);
    expect(effects).toEqual(["skip:1-2:overflow", "take:3", "take:4"]);
    expect([...state.held.keys()]).toEqual([6, 8, 9]);
    expect(state.cursor).toBe(4);
  });

  it("times a gap from the earliest arrival still held, and skips every gap due", () => {
    const { state, effects, sink, arrive } = rig();
    arrive(3, "new", T0);
    arrive(5, "new", T0 + 1_000);
    arrive(9, "new", T0 + 2_000);
    expect(gapDeadline(state, OPTIONS)).toBe(T0 + 5_000);
    expireGaps(state, T0 + 4_999, OPTIONS, sink);
    expect(effects).toEqual([]);
    expireGaps(state, T0 + 6_000, OPTIONS, sink);
    expect(effects).toEqual(["skip:1-2:timeout", "take:3", "skip:4-4:timeout", "take:5"]);
    expect(gapDeadline(state, OPTIONS)).toBe(T0 + 7_000);
    arrive(6, "new", T0 + 6_500);
    expect(gapDeadline(state, OPTIONS)).toBe(T0 + 7_000);
    expect(effects.at(-1)).toBe("take:6");
  });

  it("has no gap deadline when nothing is held or the next frame is", () => {
    const { state, arrive } = rig();
    expect(gapDeadline(state, OPTIONS)).toBeNull();
    arrive(1);
    expect(gapDeadline(state, OPTIONS)).toBeNull();
  });

  it("puts frames whose application failed back before the cursor", () => {
    const { state, effects, sink, arrive } = rig();
    arrive(2);
    arrive(1);
    expect(state.cursor).toBe(2);
    putBack(state, [tm(1), tm(2)], T0 + 9);
    expect(state.cursor).toBe(0);
    expect(gapDeadline(state, OPTIONS)).toBeNull();
    expect(arrive(1, "duplicate")).toBe("dropped");
    drainHeld(state, sink);
    expect(effects).toEqual(["take:1", "take:2", "take:1", "take:2"]);
    expireGaps(state, T0 + 100_000, OPTIONS, sink);
    expect(state.held.size).toBe(0);
  });

  it("takes every seq once and in order, whatever the order and copies they come in", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.shuffledSubarray(
              Array.from({ length: n }, (_, i) => i + 1),
              { minLength: n, maxLength: n },
            ),
            fc.array(fc.integer({ min: 1, max: n })),
          ),
        ),
        ([n, order, copies]) => {
          const { state, effects, arrive } = rig(0, { ...OPTIONS, maxBuffered: 100 });
          const seen = new Set<number>();
          for (const seq of [...order, ...copies]) {
            arrive(seq, seen.has(seq) ? "duplicate" : "new");
            seen.add(seq);
          }
          expect(effects).toEqual(Array.from({ length: n }, (_, i) => `take:${i + 1}`));
          expect(state.cursor).toBe(n);
          expect(state.held.size).toBe(0);
        },
      ),
    );
  });
});
