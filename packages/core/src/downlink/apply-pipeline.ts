import type { DownlinkFrame } from "../types.js";
import type { FrameOutcome } from "./downlink-report.js";

/** A frame taken in sequence whose application has started. */
export interface StartedFrame {
  readonly frame: DownlinkFrame;
  readonly late: boolean;
  readonly outcome: FrameOutcome | Promise<FrameOutcome>;
}

const noop = (): void => {};

/**
 * Lets the downlink processor apply up to `limit` taken frames at once: frames of different
 * commands run concurrently (so that storage can commit their transitions together), those of
 * one command one after another, in `seq` order. The processor still reports outcomes in `seq`
 * order ({@link settle}). With a limit of 1 every frame is awaited before the next one starts.
 */
export class ApplyPipeline {
  private started: StartedFrame[] = [];
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly limit: number) {}

  /** Whether the processor must settle before starting another frame. */
  get full(): boolean {
    return this.started.length >= this.limit;
  }

  get size(): number {
    return this.started.length;
  }

  /** Starts applying `frame` with `apply`, after the frames of the same command started earlier. */
  start(
    frame: DownlinkFrame,
    late: boolean,
    apply: (frame: DownlinkFrame) => FrameOutcome | Promise<FrameOutcome>,
  ): void {
    const id = frame.commandId;
    const before = id === undefined ? undefined : this.chains.get(id);
    const outcome = before === undefined ? apply(frame) : before.then(() => apply(frame));
    if (id !== undefined && typeof outcome !== "string") this.chains.set(id, outcome.then(noop, noop));
    this.started.push({ frame, late, outcome });
  }

  /**
   * Waits for every started frame and hands back, in start order, the outcomes up to the first
   * failure, the frames from that failure on (not known to be applied), and the first error.
   */
  async settle(): Promise<{
    readonly done: readonly { readonly started: StartedFrame; readonly outcome: FrameOutcome }[];
    readonly undone: readonly StartedFrame[];
    readonly failure: { readonly error: unknown } | null;
  }> {
    const started = this.started;
    this.started = [];
    this.chains.clear();
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
}
