import type { DownlinkFrame } from "../types.js";
import type { FrameOutcome } from "./downlink-report.js";

/** A frame taken in sequence whose application has started. */
export interface StartedFrame {
  readonly frame: DownlinkFrame;
  readonly late: boolean;
  readonly outcome: FrameOutcome | Promise<FrameOutcome>;
}

/** How the pipeline applies frames: one at a time, or report frames of one command together. */
export interface FrameApplying {
  apply(frame: DownlinkFrame): FrameOutcome | Promise<FrameOutcome>;
  /** Report frames of one command, in seq order: one outcome per frame, in the same order. */
  applyAll(commandId: string, frames: readonly DownlinkFrame[]): Promise<FrameOutcome>[];
}

interface Taken {
  readonly frame: DownlinkFrame;
  readonly late: boolean;
}

/**
 * Lets the downlink processor apply up to `limit` taken frames at once. With a limit of 1 every
 * frame is applied as it is taken (and awaited before the next one). Above, taken frames are
 * held until the pipeline is full or settled, then started together: frames of different
 * commands concurrently (so that storage can commit their transitions together), the reports
 * of one command as one sequence (so that storage can write them in one step). The processor
 * still reports outcomes in `seq` order ({@link settle}).
 */
export class ApplyPipeline {
  private started: StartedFrame[] = [];
  private held: Taken[] = [];

  constructor(
    private readonly limit: number,
    private readonly applier: FrameApplying,
  ) {}

  /** Whether the processor must settle before taking another frame. */
  get full(): boolean {
    return this.size >= this.limit;
  }

  get size(): number {
    return this.started.length + this.held.length;
  }

  /** Takes `frame`: applies it now (limit 1) or holds it for the next start. */
  start(frame: DownlinkFrame, late: boolean): void {
    if (this.limit === 1) this.started.push({ frame, late, outcome: this.applier.apply(frame) });
    else this.held.push({ frame, late });
  }

  /**
   * Starts the held frames, waits for every started frame and hands back, in start order, the
   * outcomes up to the first failure, the frames from that failure on (not known to be
   * applied), and the first error.
   */
  async settle(): Promise<{
    readonly done: readonly { readonly started: StartedFrame; readonly outcome: FrameOutcome }[];
    readonly undone: readonly StartedFrame[];
    readonly failure: { readonly error: unknown } | null;
  }> {
    this.startHeld();
    const started = this.started;
    this.started = [];
    const results = await Promise.allSettled(started.map((s) => s.outcome));
    const failed = results.findIndex((r) => r.status === "rejected");
    const end = failed < 0 ? started.length : failed;
    const done = started.slice(0, end).map((s, i) => ({
      started: s,
      outcome: (results[i] as PromiseFulfilledResult<FrameOutcome>).value,
    }));
    const failure = failed < 0 ? null : { error: (results[failed] as PromiseRejectedResult).reason };
    return { done, undone: started.slice(end), failure };
  }

  /** Starts the held frames in order; the reports of one command start with its first one. */
  private startHeld(): void {
    if (this.held.length === 0) return;
    const held = this.held;
    this.held = [];
    const byCommand = new Map<string, DownlinkFrame[]>();
    for (const { frame } of held) {
      const id = reportOf(frame);
      if (id === undefined) continue;
      const frames = byCommand.get(id);
      if (frames) frames.push(frame);
      else byCommand.set(id, [frame]);
    }
    const sequences = new Map<string, { readonly outcomes: Promise<FrameOutcome>[]; next: number }>();
    for (const { frame, late } of held) {
      const id = reportOf(frame);
      const frames = id === undefined ? undefined : byCommand.get(id);
      if (id === undefined || frames === undefined || frames.length === 1) {
        this.started.push({ frame, late, outcome: this.applier.apply(frame) });
        continue;
      }
      let sequence = sequences.get(id);
      if (sequence === undefined) {
        sequence = { outcomes: this.applier.applyAll(id, frames), next: 0 };
        sequences.set(id, sequence);
      }
      const index = sequence.next++;
      this.started.push({ frame, late, outcome: sequence.outcomes[index] as Promise<FrameOutcome> });
    }
  }
}

/** The command a report frame is about; undefined for telemetry and frames without one. */
function reportOf(frame: DownlinkFrame): string | undefined {
  return frame.type === "telemetry" ? undefined : frame.commandId;
}
