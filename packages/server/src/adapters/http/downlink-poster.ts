import type { Clock, DownlinkFrame, TimerHandle } from "@uplink/core";

export interface DownlinkPosterOptions {
  /** The ground's downlink endpoint, e.g. `http://127.0.0.1:8080/api/downlink`. */
  readonly url: string;
  /** Sent as `Authorization: Bearer TOKEN` (a user of role downlink, SPEC §10); none when absent. */
  readonly token?: string | null;
  readonly clock: Clock;
  /** Frames sent in one POST at most (default 500). */
  readonly batchMax?: number;
  /** Bytes of JSON in one POST at most (default 60 000: the ground takes bodies up to 64 KiB). */
  readonly batchMaxBytes?: number;
  /** First and longest wait between retries (defaults 100 ms and 5 s, doubling in between). */
  readonly retryMinMs?: number;
  readonly retryMaxMs?: number;
  /** How long one POST may take before it counts as failed (default 10 s). */
  readonly timeoutMs?: number;
  /** Told about each failed attempt (logs); must not throw. */
  readonly onRetry?: (reason: string, frames: number, waitMs: number) => void;
  readonly fetch?: typeof fetch;
}

/** A frame as it travels: SPEC §3's `time` is RFC 3339 on the wire. */
export function frameToWire(frame: DownlinkFrame): Record<string, unknown> {
  return { ...frame, time: new Date(frame.time).toISOString() };
}

/**
 * The spacecraft side of the HTTP downlink (SPEC §3): queues frames and POSTs them to the
 * ground as JSON arrays, in order, one request at a time, retrying a batch with exponential
 * back-off until the ground answers 2xx. Frames are never dropped while the poster runs;
 * the ground drops duplicates, so a batch resent after a lost answer does no harm.
 *
 * @example
 * const poster = new DownlinkPoster({ url: "http://127.0.0.1:8080/api/downlink", clock: new SystemClock() });
 * poster.post({ spacecraftId: "sc-1", seq: 1, time: Date.now(), type: "acceptance", commandId, success: true });
 * await poster.flush();
 */
export class DownlinkPoster {
  private readonly queue: DownlinkFrame[] = [];
  private readonly fetch: typeof fetch;
  private readonly batchMax: number;
  private readonly batchMaxBytes: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly timeoutMs: number;
  private sending: Promise<void> | null = null;
  private retryTimer: TimerHandle | null = null;
  private wakeRetry: (() => void) | null = null;
  private stopped = false;
  private sent = 0;

  constructor(private readonly options: DownlinkPosterOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.batchMax = options.batchMax ?? 500;
    this.batchMaxBytes = options.batchMaxBytes ?? 60_000;
    this.retryMinMs = options.retryMinMs ?? 100;
    this.retryMaxMs = options.retryMaxMs ?? 5_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Queues a frame; sending starts at once unless a request is in flight. */
  post(frame: DownlinkFrame): void {
    this.queue.push(frame);
    if (!this.sending && !this.stopped) this.sending = this.run();
  }

  /** Frames queued or in flight. */
  get pending(): number {
    return this.queue.length;
  }

  /** Frames the ground has taken. */
  get delivered(): number {
    return this.sent;
  }

  /** Resolves once every queued frame has been taken by the ground. */
  async flush(): Promise<void> {
    while (this.sending) await this.sending;
  }

  /** Stops sending: waits for the request in flight, abandons retries. Queued frames stay queued. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) this.options.clock.cancel(this.retryTimer);
    this.wakeRetry?.();
    await this.sending;
  }

  private async run(): Promise<void> {
    let wait = this.retryMinMs;
    try {
      while (this.queue.length > 0 && !this.stopped) {
        const { body, count } = this.nextBatch();
        const failure = await this.send(body);
        if (failure === null) {
          this.queue.splice(0, count);
          this.sent += count;
          wait = this.retryMinMs;
          continue;
        }
        this.options.onRetry?.(failure, count, wait);
        await this.sleep(wait);
        wait = Math.min(this.retryMaxMs, wait * 2);
      }
    } finally {
      this.sending = null;
    }
  }

  /** The JSON array of the frames at the head of the queue that fit in one POST (at least one). */
  private nextBatch(): { body: string; count: number } {
    const parts: string[] = [];
    let bytes = 2;
    for (const frame of this.queue) {
      const part = JSON.stringify(frameToWire(frame));
      const size = Buffer.byteLength(part) + 1;
      if (parts.length > 0 && (parts.length === this.batchMax || bytes + size > this.batchMaxBytes)) break;
      parts.push(part);
      bytes += size;
    }
    return { body: `[${parts.join(",")}]`, count: parts.length };
  }

  /** One POST; null when the ground took it, otherwise why not. */
  private async send(body: string): Promise<string | null> {
    try {
      const response = await this.fetch(this.options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? null : `ground answered ${response.status}`;
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
      return cause ?? (error instanceof Error ? error.message : String(error));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeRetry = resolve;
      this.retryTimer = this.options.clock.schedule(ms, () => {
        this.retryTimer = null;
        this.wakeRetry = null;
        resolve();
      });
    });
  }
}
