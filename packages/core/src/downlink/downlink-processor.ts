import type { Clock } from "../ports/clock.js";
import type { DownlinkLog, FrameArrival } from "../ports/downlink-log.js";
import type { TelecommandService } from "../services/telecommand-service.js";
import type { DownlinkFrame } from "../types.js";
import { ApplyPipeline } from "./apply-pipeline.js";
import { type DownlinkProcessorOptions, resolveDownlinkOptions } from "./downlink-options.js";
import {
  type DownlinkStats,
  emptyReceiveReport,
  type FrameOutcome,
  type GapRecord,
  type ReceiveReport,
  type StreamStatus,
  type TelemetrySample,
} from "./downlink-report.js";
import { FrameApplier } from "./frame-applier.js";
import { frameFingerprint } from "./frame-fingerprint.js";
import { GapLog } from "./gap-log.js";
import { checkSequencing } from "./parse-frame.js";
import { SpacecraftStream } from "./spacecraft-stream.js";
import { TelemetryStore } from "./telemetry-store.js";

type Counters = { -readonly [K in Exclude<keyof DownlinkStats, "gaps" | "buffered">]: number };

/**
 * Applies the downlink (SPEC §3): frames are stored in the {@link DownlinkLog} (the first write
 * of a `(spacecraftId, seq)` wins), then applied per spacecraft in `seq` order from the log's
 * cursor. A frame ahead of a gap is held; the gap is waited for `gapTimeoutMs` (a clock timer)
 * from the moment a later frame showed it, or skipped at once when `maxBuffered` frames are held,
 * and then recorded. A frame that arrives after its gap was skipped is applied anyway and
 * counted `late`: the lifecycle converges under any order of reports, so late is better than lost.
 *
 * Reports become lifecycle events through `toEvent` and go to {@link TelecommandService.apply}
 * with source `spacecraft`; telemetry values are kept per spacecraft. Work on one spacecraft is
 * serialised by a promise chain, so concurrent `receive` calls never apply a frame twice or out
 * of order. Frames must have passed {@link parseFrame} (or come from trusted code): `receive`
 * only re-checks what sequencing needs.
 *
 * @example
 * const downlink = new DownlinkProcessor(service, new InMemoryDownlinkLog(), clock);
 * await downlink.receive(parseFrames(body, clock.now()));
 * downlink.telemetry("sc-1"); // { BATT_V: { value: 28.1, time, seq } }
 */
export class DownlinkProcessor {
  readonly options: DownlinkProcessorOptions;
  private readonly streams = new Map<string, SpacecraftStream>();
  private readonly store = new TelemetryStore();
  private readonly applier: FrameApplier;
  private readonly gaps: GapLog;
  private readonly counters: Counters = {
    received: 0,
    accepted: 0,
    applied: 0,
    duplicates: 0,
    conflicts: 0,
    late: 0,
    unknownCommand: 0,
    unknownType: 0,
    telemetry: 0,
    errors: 0,
  };
  private stopped = false;

  constructor(
    service: TelecommandService,
    private readonly log: DownlinkLog,
    private readonly clock: Clock,
    options: Partial<DownlinkProcessorOptions> = {},
  ) {
    this.options = resolveDownlinkOptions(options);
    this.applier = new FrameApplier(service, this.options.toEvent, this.store, this.options.known);
    this.gaps = new GapLog(this.options.maxGapRecords);
  }

  /**
   * Takes one frame or a batch (in any order, with duplicates) and applies what can be applied.
   * Throws {@link ValidationError} before changing anything when a frame lacks a usable
   * `spacecraftId` or `seq`; storage errors propagate (the sender should retry the frames).
   */
  async receive(input: DownlinkFrame | readonly DownlinkFrame[]): Promise<ReceiveReport> {
    const frames: readonly DownlinkFrame[] = Array.isArray(input)
      ? (input as readonly DownlinkFrame[])
      : [input as DownlinkFrame];
    checkSequencing(frames);
    const report = emptyReceiveReport();
    report.received = frames.length;
    this.counters.received += frames.length;
    const first = frames[0];
    if (!first) return report;
    if (frames.every((f) => f.spacecraftId === first.spacecraftId)) {
      const stream = this.streamOf(first.spacecraftId);
      await stream.run(() => this.process(stream, frames, report));
      return report;
    }
    const groups = new Map<string, DownlinkFrame[]>();
    for (const frame of frames) {
      const group = groups.get(frame.spacecraftId);
      if (group) group.push(frame);
      else groups.set(frame.spacecraftId, [frame]);
    }
    await Promise.all(
      [...groups].map(([id, group]) => {
        const stream = this.streamOf(id);
        return stream.run(() => this.process(stream, group, report));
      }),
    );
    return report;
  }

  /** Running totals. */
  stats(): DownlinkStats {
    let buffered = 0;
    for (const stream of this.streams.values()) buffered += stream.pending;
    return { ...this.counters, gaps: this.gaps.total, buffered };
  }

  /** The latest value and time of each telemetry parameter of a spacecraft. */
  telemetry(spacecraftId: string): Record<string, TelemetrySample> {
    return this.store.latest(spacecraftId);
  }

  /** The most recent skipped gaps, oldest first (at most `maxGapRecords`). */
  recentGaps(): readonly GapRecord[] {
    return this.gaps.recent();
  }

  /** Where each spacecraft's stream stands, by spacecraft id (streams not yet loaded are left out). */
  streamStatus(): StreamStatus[] {
    return [...this.streams.values()]
      .filter((s) => s.loaded)
      .sort((a, b) => (a.spacecraftId < b.spacecraftId ? -1 : 1))
      .map((s) => s.status());
  }

  /**
   * Cancels the gap timers and waits for work in flight. Later `receive` calls still work, but
   * gaps are then waited for only until a full buffer skips them.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const stream of this.streams.values()) this.disarm(stream);
    await this.idle();
  }

  /** Resolves once the work queued so far (receive calls and gap-timer work) has settled. */
  async idle(): Promise<void> {
    await Promise.all([...this.streams.values()].map((s) => s.tail));
  }

  private streamOf(spacecraftId: string): SpacecraftStream {
    let stream = this.streams.get(spacecraftId);
    if (!stream) {
      stream = new SpacecraftStream(spacecraftId);
      this.streams.set(spacecraftId, stream);
    }
    return stream;
  }

  private async process(
    stream: SpacecraftStream,
    frames: readonly DownlinkFrame[],
    report: ReceiveReport,
  ): Promise<void> {
    if (!stream.loaded) {
      stream.cursor = stream.saved = await this.log.cursor(stream.spacecraftId);
    }
    const pipeline = new ApplyPipeline(this.options.applyConcurrency, this.applier);
    try {
      const arrivals = await this.appendAll(frames);
      for (let i = 0; i < frames.length; i++) {
        const frame = frames[i] as DownlinkFrame;
        const arrival = arrivals[i] ?? (await this.log.append(frame, frameFingerprint(frame)));
        const seq = frame.seq;
        if (arrival === "conflict") {
          report.conflicts++;
          this.counters.conflicts++;
          continue;
        }
        if (arrival === "duplicate") {
          report.duplicates++;
          this.counters.duplicates++;
          // A stored frame beyond the cursor that is not held was lost from memory (a restart, or
          // a failed apply): take it back, since the log's first write of it is this content.
          if (seq <= stream.cursor || stream.isHeld(seq)) continue;
        } else {
          report.accepted++;
          this.counters.accepted++;
        }
        if (seq === stream.cursor + 1) {
          stream.cursor = seq;
          await this.take(stream, pipeline, frame, false, report);
          if (stream.pending > 0) await this.drain(stream, pipeline, report);
        } else if (seq > stream.cursor) {
          stream.hold(frame, this.clock.now());
          report.buffered++;
          if (stream.pending > this.options.maxBuffered) {
            this.skip(stream, "overflow");
            await this.drain(stream, pipeline, report);
          }
        } else {
          await this.take(stream, pipeline, frame, true, report);
        }
      }
      await this.drain(stream, pipeline, report);
    } finally {
      try {
        await this.finish(stream, pipeline, report);
      } finally {
        await this.settle(stream);
        report.pending += stream.pending;
      }
    }
  }

  /**
   * Appends a batch's frames: one at a time with an apply concurrency of 1; otherwise every
   * first occurrence of a seq at once, later occurrences (left undefined) in order by the caller.
   */
  private async appendAll(frames: readonly DownlinkFrame[]): Promise<(FrameArrival | undefined)[]> {
    if (this.options.applyConcurrency === 1 || frames.length === 1) return [];
    const seen = new Set<number>();
    return Promise.all(
      frames.map((frame) => {
        if (seen.has(frame.seq)) return undefined;
        seen.add(frame.seq);
        return this.log.append(frame, frameFingerprint(frame));
      }),
    );
  }

  /** Starts applying a taken frame; settles the pipeline when it is full. */
  private async take(
    stream: SpacecraftStream,
    pipeline: ApplyPipeline,
    frame: DownlinkFrame,
    late: boolean,
    report: ReceiveReport | null,
  ): Promise<void> {
    pipeline.start(frame, late);
    if (pipeline.full) await this.finish(stream, pipeline, report);
  }

  /**
   * Waits for the started frames and reports them in order. If one failed, the frames taken in
   * sequence from it on are held again and the cursor moved back before them (they are in the
   * log, and applying a report twice only records it as ignored), then the error is thrown.
   */
  private async finish(
    stream: SpacecraftStream,
    pipeline: ApplyPipeline,
    report: ReceiveReport | null,
  ): Promise<void> {
    if (pipeline.size === 0) return;
    const { done, undone, failure } = await pipeline.settle();
    for (const { started, outcome } of done) this.applied(started.frame, outcome, started.late, report);
    if (failure === null) return;
    const retake = undone.filter((s) => !s.late).map((s) => s.frame);
    if (retake.length > 0) {
      stream.cursor = Math.min(stream.cursor, ...retake.map((f) => f.seq - 1));
      const now = this.clock.now();
      for (const frame of retake) stream.hold(frame, now);
    }
    throw failure.error;
  }

  /** Applies held frames that follow the cursor, in order. */
  private async drain(
    stream: SpacecraftStream,
    pipeline: ApplyPipeline,
    report: ReceiveReport | null,
  ): Promise<void> {
    for (let frame = stream.next(); frame; frame = stream.next()) {
      stream.advance();
      await this.take(stream, pipeline, frame, false, report);
    }
  }

  private skip(stream: SpacecraftStream, cause: GapRecord["cause"]): void {
    const skipped = stream.skipGap();
    if (skipped) this.gaps.record(stream.spacecraftId, skipped, this.clock.now(), cause);
  }

  /** Gap-timer work: skips every gap that has been visible for `gapTimeoutMs`, applying what follows. */
  private async expireGaps(stream: SpacecraftStream): Promise<void> {
    const pipeline = new ApplyPipeline(this.options.applyConcurrency, this.applier);
    try {
      for (;;) {
        const since = stream.hasGap ? stream.gapSince() : null;
        if (since === null || since + this.options.gapTimeoutMs > this.clock.now()) break;
        this.skip(stream, "timeout");
        await this.drain(stream, pipeline, null);
        await this.finish(stream, pipeline, null);
      }
    } finally {
      try {
        await this.finish(stream, pipeline, null);
      } finally {
        await this.settle(stream);
      }
    }
  }

  /** Saves a moved cursor and (re)arms the gap timer for the gap now waited for, if any. */
  private async settle(stream: SpacecraftStream): Promise<void> {
    const since = stream.hasGap && !this.stopped ? stream.gapSince() : null;
    if (since === null) this.disarm(stream);
    else {
      const deadline = since + this.options.gapTimeoutMs;
      if (stream.timer === null || stream.timerDeadline !== deadline) {
        this.disarm(stream);
        stream.timerDeadline = deadline;
        stream.timer = this.clock.schedule(Math.max(0, deadline - this.clock.now()), () =>
          this.onGapTimer(stream),
        );
      }
    }
    if (stream.cursor !== stream.saved) {
      const cursor = stream.cursor;
      await this.log.advance(stream.spacecraftId, cursor);
      stream.saved = cursor;
    }
  }

  private onGapTimer(stream: SpacecraftStream): void {
    stream.timer = null;
    stream
      .run(() => this.expireGaps(stream))
      .catch((error: unknown) => {
        this.counters.errors++;
        this.options.onError?.(error);
      });
  }

  private disarm(stream: SpacecraftStream): void {
    if (stream.timer === null) return;
    this.clock.cancel(stream.timer);
    stream.timer = null;
  }

  /** Counts an applied frame and tells the listener. */
  private applied(
    frame: DownlinkFrame,
    outcome: FrameOutcome,
    late: boolean,
    report: ReceiveReport | null,
  ): void {
    if (outcome !== "transition" && outcome !== "ignored") this.counters[outcome]++;
    this.counters.applied++;
    if (report) report.applied++;
    if (late) {
      this.counters.late++;
      if (report) report.late++;
    }
    this.options.onFrame?.({ frame, outcome, late });
  }
}
