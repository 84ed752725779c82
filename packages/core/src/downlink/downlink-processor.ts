import { canonicalJson } from "../canonical-json.js";
import { ValidationError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { DownlinkLog } from "../ports/downlink-log.js";
import type { TelecommandService } from "../services/telecommand-service.js";
import type { DownlinkFrame } from "../types.js";
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
import { SpacecraftStream } from "./spacecraft-stream.js";
import { TelemetryStore } from "./telemetry-store.js";

type Counters = { -readonly [K in keyof DownlinkStats]: number };

const noop = (): void => {};

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
  private readonly gapRecords: GapRecord[] = [];
  private readonly counters: Counters = {
    received: 0,
    accepted: 0,
    applied: 0,
    duplicates: 0,
    conflicts: 0,
    gaps: 0,
    late: 0,
    unknownCommand: 0,
    unknownType: 0,
    telemetry: 0,
    buffered: 0,
    errors: 0,
  };
  private stopped = false;

  constructor(
    private readonly service: TelecommandService,
    private readonly log: DownlinkLog,
    private readonly clock: Clock,
    options: Partial<DownlinkProcessorOptions> = {},
  ) {
    this.options = resolveDownlinkOptions(options);
  }

  /**
   * Takes one frame or a batch (in any order, with duplicates) and applies what can be applied.
   * Throws {@link ValidationError} before changing anything when a frame lacks a usable
   * `spacecraftId` or `seq`; storage errors propagate (the sender should retry the frames).
   */
  async receive(input: DownlinkFrame | readonly DownlinkFrame[]): Promise<ReceiveReport> {
    const frames: readonly DownlinkFrame[] = isFrameList(input) ? input : [input];
    for (let i = 0; i < frames.length; i++)
      checkSequencing(frames[i] as DownlinkFrame, frames.length > 1 ? i : -1);
    const report = emptyReceiveReport();
    report.received = frames.length;
    this.counters.received += frames.length;
    const first = frames[0];
    if (!first) return report;
    if (frames.every((f) => f.spacecraftId === first.spacecraftId)) {
      await this.enqueue(this.streamOf(first.spacecraftId), (s) => this.process(s, frames, report));
      return report;
    }
    const groups = new Map<string, DownlinkFrame[]>();
    for (const frame of frames) {
      const group = groups.get(frame.spacecraftId);
      if (group) group.push(frame);
      else groups.set(frame.spacecraftId, [frame]);
    }
    const runs = [...groups].map(([id, group]) =>
      this.enqueue(this.streamOf(id), (s) => this.process(s, group, report)),
    );
    await Promise.all(runs);
    return report;
  }

  /** Running totals. */
  stats(): DownlinkStats {
    let buffered = 0;
    for (const stream of this.streams.values()) buffered += stream.pending;
    return { ...this.counters, buffered };
  }

  /** The latest value and time of each telemetry parameter of a spacecraft. */
  telemetry(spacecraftId: string): Record<string, TelemetrySample> {
    return this.store.latest(spacecraftId);
  }

  /** The most recent skipped gaps, oldest first (at most `maxGapRecords`). */
  recentGaps(): readonly GapRecord[] {
    return [...this.gapRecords];
  }

  /** Where each spacecraft's stream stands, by spacecraft id (streams not yet loaded are left out). */
  streamStatus(): StreamStatus[] {
    return [...this.streams.values()]
      .filter((s) => s.loaded)
      .sort((a, b) => (a.spacecraftId < b.spacecraftId ? -1 : 1))
      .map((s) => ({
        spacecraftId: s.spacecraftId,
        cursor: s.cursor,
        pending: s.pending,
        gapSince: s.hasGap ? s.gapSince() : null,
      }));
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

  /** Runs `task` after every earlier task of the same stream has settled. */
  private enqueue(
    stream: SpacecraftStream,
    task: (stream: SpacecraftStream) => Promise<void>,
  ): Promise<void> {
    const run = stream.tail.then(() => task(stream));
    stream.tail = run.then(noop, noop);
    return run;
  }

  private async process(
    stream: SpacecraftStream,
    frames: readonly DownlinkFrame[],
    report: ReceiveReport,
  ): Promise<void> {
    if (!stream.loaded) {
      stream.cursor = stream.saved = await this.log.cursor(stream.spacecraftId);
    }
    try {
      for (const frame of frames) {
        const arrival = await this.log.append(frame, canonicalJson(frame));
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
          await this.handle(frame, false, report);
          stream.cursor = seq;
          if (stream.pending > 0) await this.drain(stream, report);
        } else if (seq > stream.cursor) {
          stream.hold(frame, this.clock.now());
          report.buffered++;
          if (stream.pending > this.options.maxBuffered) {
            this.skip(stream, "overflow");
            await this.drain(stream, report);
          }
        } else {
          await this.handle(frame, true, report);
        }
      }
      await this.drain(stream, report);
    } finally {
      await this.settle(stream);
      report.pending += stream.pending;
    }
  }

  /** Applies held frames that follow the cursor, in order; a frame leaves only once applied. */
  private async drain(stream: SpacecraftStream, report: ReceiveReport | null): Promise<void> {
    for (let frame = stream.next(); frame; frame = stream.next()) {
      await this.handle(frame, false, report);
      stream.advance();
    }
  }

  private skip(stream: SpacecraftStream, cause: GapRecord["cause"]): void {
    const skipped = stream.skipGap();
    if (!skipped) return;
    this.counters.gaps += skipped.toSeq - skipped.fromSeq + 1;
    if (this.options.maxGapRecords === 0) return;
    this.gapRecords.push({ spacecraftId: stream.spacecraftId, ...skipped, at: this.clock.now(), cause });
    if (this.gapRecords.length > this.options.maxGapRecords) this.gapRecords.shift();
  }

  /** Gap-timer work: skips every gap that has been visible for `gapTimeoutMs`, applying what follows. */
  private async expireGaps(stream: SpacecraftStream): Promise<void> {
    try {
      for (;;) {
        const since = stream.hasGap ? stream.gapSince() : null;
        if (since === null || since + this.options.gapTimeoutMs > this.clock.now()) break;
        this.skip(stream, "timeout");
        await this.drain(stream, null);
      }
    } finally {
      await this.settle(stream);
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
    this.enqueue(stream, (s) => this.expireGaps(s)).catch((error: unknown) => {
      this.counters.errors++;
      this.options.onError?.(error);
    });
  }

  private disarm(stream: SpacecraftStream): void {
    if (stream.timer === null) return;
    this.clock.cancel(stream.timer);
    stream.timer = null;
  }

  /** Applies one frame's content: telemetry kept, a report sent to its command, anything else counted. */
  private async handle(frame: DownlinkFrame, late: boolean, report: ReceiveReport | null): Promise<void> {
    let outcome: FrameOutcome;
    if (frame.type === "telemetry") {
      this.store.record(frame);
      this.counters.telemetry++;
      outcome = "telemetry";
    } else {
      const event = this.options.toEvent(frame);
      if (event === null) {
        this.counters.unknownType++;
        outcome = "unknownType";
      } else {
        const result =
          frame.commandId === undefined
            ? null
            : await this.service.apply(frame.commandId, event, "spacecraft");
        outcome =
          result === null || result.kind === "unknown"
            ? "unknownCommand"
            : result.kind === "applied"
              ? "transition"
              : "ignored";
        if (outcome === "unknownCommand") this.counters.unknownCommand++;
      }
    }
    this.counters.applied++;
    if (report) report.applied++;
    if (late) {
      this.counters.late++;
      if (report) report.late++;
    }
    this.options.onFrame?.({ frame, outcome, late });
  }
}

function isFrameList(input: DownlinkFrame | readonly DownlinkFrame[]): input is readonly DownlinkFrame[] {
  return Array.isArray(input);
}

/** The cheap checks sequencing relies on; the full ones are {@link parseFrame}'s. */
function checkSequencing(frame: DownlinkFrame, index: number): void {
  const at = index < 0 ? "" : `[${index}].`;
  if (frame === null || typeof frame !== "object")
    throw new ValidationError(at ? `[${index}]` : "body", "must be a frame");
  if (typeof frame.spacecraftId !== "string" || frame.spacecraftId.length === 0) {
    throw new ValidationError(`${at}spacecraftId`, "is required and must be a non-empty string", "required");
  }
  if (!Number.isSafeInteger(frame.seq) || frame.seq < 1)
    throw new ValidationError(`${at}seq`, "must be an integer ≥ 1", "range");
  if (typeof frame.type !== "string")
    throw new ValidationError(`${at}type`, "is required and must be a string", "required");
}
