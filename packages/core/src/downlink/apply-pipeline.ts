import { type Awaitable, isPromiseLike } from "../awaitable.js";
import type { DownlinkFrame } from "../types.js";
import type { FrameOutcome } from "./downlink-report.js";

/** How a wave applies frames: one at a time, or report frames of one command together. */
export interface FrameApplying {
  apply(frame: DownlinkFrame): Awaitable<FrameOutcome>;
  /** Report frames of one command, in seq order: one outcome per frame, in the same order. */
  applyAll(commandId: string, frames: readonly DownlinkFrame[]): Awaitable<FrameOutcome>[];
}

/** What a wave did: the outcomes of its frames in order up to the first failure, and that failure. */
export interface WaveResult {
  readonly outcomes: readonly FrameOutcome[];
  readonly failure: { readonly error: unknown } | null;
}

/**
 * Applies `frames[from..to)` at once: frames of different commands concurrently (so that
 * storage can commit their transitions together), the reports of one command as one sequence
 * (so that storage can write them in one step). Answers at once when every outcome did, else
 * once all have settled; the outcomes stay in `seq` order, cut at the first failure (the frames
 * from it on are not known to be applied).
 */
export function applyWave(
  applier: FrameApplying,
  frames: readonly DownlinkFrame[],
  from: number,
  to: number,
): Awaitable<WaveResult> {
  const started = start(applier, frames, from, to);
  let settled = true;
  for (const outcome of started) {
    if (isPromiseLike(outcome)) {
      settled = false;
      break;
    }
  }
  if (settled) return { outcomes: started as FrameOutcome[], failure: null };
  return Promise.allSettled(started).then((results) => {
    const outcomes: FrameOutcome[] = [];
    for (const result of results) {
      if (result.status === "rejected") return { outcomes, failure: { error: result.reason } };
      outcomes.push(result.value);
    }
    return { outcomes, failure: null };
  });
}

/** Starts the frames in order; the reports of one command start with its first one. */
function start(
  applier: FrameApplying,
  frames: readonly DownlinkFrame[],
  from: number,
  to: number,
): Awaitable<FrameOutcome>[] {
  const byCommand = new Map<string, DownlinkFrame[]>();
  for (let i = from; i < to; i++) {
    const frame = frames[i] as DownlinkFrame;
    const id = reportOf(frame);
    if (id === undefined) continue;
    const group = byCommand.get(id);
    if (group) group.push(frame);
    else byCommand.set(id, [frame]);
  }
  const sequences = new Map<string, { readonly outcomes: Awaitable<FrameOutcome>[]; next: number }>();
  const started: Awaitable<FrameOutcome>[] = [];
  for (let i = from; i < to; i++) {
    const frame = frames[i] as DownlinkFrame;
    const id = reportOf(frame);
    const group = id === undefined ? undefined : byCommand.get(id);
    if (id === undefined || group === undefined || group.length === 1) {
      started.push(attempt(applier, frame));
      continue;
    }
    let sequence = sequences.get(id);
    if (sequence === undefined) {
      sequence = { outcomes: applier.applyAll(id, group), next: 0 };
      sequences.set(id, sequence);
    }
    started.push(sequence.outcomes[sequence.next++] as Awaitable<FrameOutcome>);
  }
  return started;
}

/** `applier.apply(frame)`, with a synchronous failure turned into a rejected outcome like an asynchronous one. */
function attempt(applier: FrameApplying, frame: DownlinkFrame): Awaitable<FrameOutcome> {
  try {
    return applier.apply(frame);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The command a report frame is about; undefined for telemetry and frames without one. */
function reportOf(frame: DownlinkFrame): string | undefined {
  return frame.type === "telemetry" ? undefined : frame.commandId;
}
