import type { Awaitable, Clock, DownlinkFrame, DownlinkLog, TimerHandle } from "@uplink/core";

export interface InProcessDownlinkDeps {
  /** Where frames are applied: core's DownlinkProcessor. */
  readonly downlink: { receive(frames: readonly DownlinkFrame[]): Awaitable<unknown> };
  /** The downlink log, read once per spacecraft for the seq to continue from. */
  readonly log: DownlinkLog;
  readonly clock: Clock;
  /** Told when a batch could not be stored (it is retried); must not throw. */
  readonly onRetry?: (error: unknown, frames: number, waitMs: number) => void;
}

// As many as the server's DownlinkProcessor applies in one wave (DOWNLINK_APPLY_CONCURRENCY).
const BATCH_MAX = 4_096;
const RETRY_MIN_MS = 50;
const RETRY_MAX_MS = 5_000;

/**
 * The downlink of the in-process simulated spacecraft: its frames go straight to the
 * DownlinkProcessor, in order, in batches of whatever accumulated while the previous batch was
 * stored, retried until stored (through a database outage). The simulator numbers each run's
 * frames from 1; the ground drops frames at or below its stored cursor, so each spacecraft's
 * numbers are shifted past the cursor read when its first frame of this run arrives.
 *
 * @example
 * const link = new InProcessDownlink({ downlink, log, clock });
 * const spacecraft = new SimulatedSpacecraft(clock, random, link.sink);
 */
export class InProcessDownlink {
  private queue: DownlinkFrame[] = [];
  private readonly offsets = new Map<string, number>();
  private pumping: Promise<void> | null = null;
  private retryTimer: TimerHandle | null = null;
  private wake: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly deps: InProcessDownlinkDeps) {}

  /** The spacecraft's frame sink. */
  readonly sink = (frame: DownlinkFrame): void => {
    if (this.stopped) return;
    this.queue.push(frame);
    this.pumping ??= this.pump();
  };

  /** Frames not yet stored. */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves once every frame handed over so far is stored (or the link stopped). */
  async flush(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /** Stops: the batch being stored finishes; queued frames and retries are abandoned. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) this.deps.clock.cancel(this.retryTimer);
    this.wake?.();
    await this.pumping;
  }

  private async pump(): Promise<void> {
    let wait = RETRY_MIN_MS;
    try {
      while (this.queue.length > 0 && !this.stopped) {
        const batch = this.queue.slice(0, BATCH_MAX);
        try {
          await this.deps.downlink.receive(await this.renumber(batch));
          this.queue = this.queue.slice(batch.length);
          wait = RETRY_MIN_MS;
        } catch (error) {
          this.deps.onRetry?.(error, batch.length, wait);
          await this.sleep(wait);
          wait = Math.min(RETRY_MAX_MS, wait * 2);
        }
      }
    } finally {
      this.pumping = null;
    }
  }

  private async renumber(batch: readonly DownlinkFrame[]): Promise<DownlinkFrame[]> {
    for (const frame of batch) {
      if (!this.offsets.has(frame.spacecraftId)) {
        // The first frame of this run continues after what the ground has already taken.
        this.offsets.set(
          frame.spacecraftId,
          (await this.deps.log.load(frame.spacecraftId)).cursor - frame.seq + 1,
        );
      }
    }
    return batch.map((frame) => ({
      ...frame,
      seq: frame.seq + (this.offsets.get(frame.spacecraftId) as number),
    }));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.retryTimer = this.deps.clock.schedule(ms, () => {
        this.retryTimer = null;
        this.wake = null;
        resolve();
      });
    });
  }
}
