import type { FrameArrival, GapCause, HeldFrame } from "../ports/downlink-log.js";
import type { DownlinkFrame, Instant } from "../types.js";

/**
 * One spacecraft's sequencing state: the cursor (the highest seq applied or skipped) and the
 * frames held beyond it, by seq, in the order they arrived (a Map keeps insertion order, so its
 * first entry is the earliest arrival still held: the gap has been visible since then).
 */
export interface StreamState {
  cursor: number;
  readonly held: Map<number, HeldFrame>;
}

/** The options the sequencing decision reads. */
export interface SequencingOptions {
  /** How long a missing seq is waited for once a later frame shows it missing (ms). */
  readonly gapTimeoutMs: number;
  /** Frames held ahead of a gap; one more skips the gap at once. */
  readonly maxBuffered: number;
}

/** Where the decision puts what it decided, in order. */
export interface SequencingEffects {
  /** Apply `frame`, after every frame taken before it; `late` when its gap was skipped before it came. */
  take(frame: DownlinkFrame, late: boolean): void;
  /** Seqs `fromSeq` to `toSeq` (inclusive) were given up on. */
  skip(fromSeq: number, toSeq: number, cause: GapCause): void;
}

/** What became of a frame that arrived: taken in sequence, held past a gap, taken late, or dropped. */
export type Placement = "taken" | "held" | "late" | "dropped";

/**
 * The downlink's sequencing decision (SPEC §3), for one frame of a spacecraft's stream, given
 * what the log said of it: a conflicting copy of a stored seq is dropped (the first write won);
 * a duplicate is dropped unless it is stored beyond the cursor without being held (a restarted
 * or failed owner lost it: its stored first copy is this content); the frame after the cursor is
 * taken, with the held frames that follow it; a later one is held, and when more than
 * `maxBuffered` are held the gap before them is skipped at once (`overflow`); an earlier new one
 * arrived after its gap was skipped and is taken `late`. Synchronous and pure but for `state`,
 * which it updates in place, and `effects`, which it calls.
 *
 * @example
 * const placement = sequenceFrame(state, frame, log.append(frame, now), now, options, effects);
 */
export function sequenceFrame(
  state: StreamState,
  frame: DownlinkFrame,
  arrival: FrameArrival,
  now: Instant,
  options: SequencingOptions,
  effects: SequencingEffects,
): Placement {
  const seq = frame.seq;
  if (arrival === "conflict") return "dropped";
  if (arrival === "duplicate" && (seq <= state.cursor || state.held.has(seq))) return "dropped";
  if (seq === state.cursor + 1) {
    state.cursor = seq;
    effects.take(frame, false);
    if (state.held.size > 0) drainHeld(state, effects);
    return "taken";
  }
  if (seq > state.cursor) {
    state.held.set(seq, { frame, at: now });
    if (state.held.size > options.maxBuffered) {
      skipGap(state, "overflow", effects);
      drainHeld(state, effects);
    }
    return "held";
  }
  effects.take(frame, true);
  return "late";
}

/**
 * The gap timer's decision: skips (`timeout`) every gap that has been visible for
 * `gapTimeoutMs` at `now`, taking the held frames that follow each.
 */
export function expireGaps(
  state: StreamState,
  now: Instant,
  options: SequencingOptions,
  effects: SequencingEffects,
): void {
  for (;;) {
    const since = gapSince(state);
    if (since === null || since + options.gapTimeoutMs > now) return;
    skipGap(state, "timeout", effects);
    drainHeld(state, effects);
  }
}

/** When the gap timer must fire: the gap waited for now times out then; null when there is none. */
export function gapDeadline(state: StreamState, options: SequencingOptions): Instant | null {
  const since = gapSince(state);
  return since === null ? null : since + options.gapTimeoutMs;
}

/** When the gap waited for now became visible; null when frames follow the cursor or none are held. */
export function gapSince(state: StreamState): Instant | null {
  if (state.held.size === 0 || state.held.has(state.cursor + 1)) return null;
  for (const held of state.held.values()) return held.at;
  return null;
}

/** Takes the held frames that follow the cursor, in order. */
export function drainHeld(state: StreamState, effects: SequencingEffects): void {
  for (
    let next = state.held.get(state.cursor + 1);
    next !== undefined;
    next = state.held.get(state.cursor + 1)
  ) {
    state.held.delete(++state.cursor);
    effects.take(next.frame, false);
  }
}

/**
 * Frames taken in sequence whose application failed (or was not reached) go back to be held,
 * arrived `now`, with the cursor moved back before them: they are in the log, and applying a
 * report twice only records it as ignored. Late frames are not put back (they lie behind the
 * cursor).
 */
export function putBack(state: StreamState, frames: readonly DownlinkFrame[], now: Instant): void {
  for (const frame of frames) {
    if (frame.seq - 1 < state.cursor) state.cursor = frame.seq - 1;
    state.held.set(frame.seq, { frame, at: now });
  }
}

/** Moves the cursor to just before the lowest held seq, telling `effects` what it skipped. */
function skipGap(state: StreamState, cause: GapCause, effects: SequencingEffects): void {
  if (state.held.size === 0 || state.held.has(state.cursor + 1)) return;
  let lowest = Number.POSITIVE_INFINITY;
  for (const seq of state.held.keys()) if (seq < lowest) lowest = seq;
  const from = state.cursor + 1;
  state.cursor = lowest - 1;
  effects.skip(from, lowest - 1, cause);
}
