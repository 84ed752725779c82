import { type Awaitable, isPromiseLike } from "../awaitable.js";
import type { Clock } from "../ports/clock.js";
import type { DownlinkFrame } from "../types.js";
import { applyWave, type FrameApplying, type WaveResult } from "./apply-pipeline.js";
import type { FrameOutcome, ReceiveReport } from "./downlink-report.js";
import type { SpacecraftStream } from "./spacecraft-stream.js";
import { putBack } from "./stream-sequencing.js";

/** Hears each taken frame once it is applied, in order. */
export type AppliedListener = (
  stream: SpacecraftStream,
  frame: DownlinkFrame,
  outcome: FrameOutcome,
  late: boolean,
  report: ReceiveReport | null,
) => void;

/**
 * Applies the frames the sequencing decision took on a stream, in order: one at a time with a
 * concurrency of 1, else in waves of up to `concurrency` (see {@link applyWave}). Answers at
 * once while the applier does. If a frame fails, the frames taken in sequence from it on go
 * back to be held (`putBack`: they are in the log), and the error is thrown.
 */
export class TakenFrames {
  constructor(
    private readonly applier: FrameApplying,
    private readonly concurrency: number,
    private readonly clock: Clock,
    private readonly onApplied: AppliedListener,
  ) {}

  apply(stream: SpacecraftStream, report: ReceiveReport | null): Awaitable<void> {
    while (stream.applying) {
      const from = stream.next;
      if (this.concurrency === 1 || from === stream.count - 1) {
        let outcome: Awaitable<FrameOutcome>;
        try {
          outcome = this.applier.apply(stream.taken[from] as DownlinkFrame);
        } catch (error) {
          throw this.failed(stream, error);
        }
        if (isPromiseLike(outcome)) {
          return outcome.then(
            (settled) => {
              this.applied(stream, settled, report);
              return this.apply(stream, report);
            },
            (error: unknown) => {
              throw this.failed(stream, error);
            },
          );
        }
        this.applied(stream, outcome, report);
        continue;
      }
      const to = Math.min(stream.count, from + this.concurrency);
      const wave = applyWave(this.applier, stream.taken, from, to);
      if (isPromiseLike(wave)) {
        return wave.then((result) => {
          this.waveApplied(stream, result, report);
          return this.apply(stream, report);
        });
      }
      this.waveApplied(stream, wave, report);
    }
    stream.clearTaken();
  }

  private waveApplied(stream: SpacecraftStream, wave: WaveResult, report: ReceiveReport | null): void {
    for (const outcome of wave.outcomes) this.applied(stream, outcome, report);
    if (wave.failure !== null) throw this.failed(stream, wave.failure.error);
  }

  private applied(stream: SpacecraftStream, outcome: FrameOutcome, report: ReceiveReport | null): void {
    const i = stream.next++;
    this.onApplied(stream, stream.taken[i] as DownlinkFrame, outcome, stream.late[i] as boolean, report);
  }

  /** Puts back the frames not applied, and gives the error to throw. */
  private failed(stream: SpacecraftStream, error: unknown): unknown {
    putBack(stream, stream.unapplied(), this.clock.now());
    stream.clearTaken();
    return error;
  }
}
