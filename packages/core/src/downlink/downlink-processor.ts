import { type Awaitable, all, andThen, isPromiseLike, runTask, type Task } from "../awaitable.js";
import type { Clock } from "../ports/clock.js";
import type { DownlinkLog, FrameArrival, StoredStream, StreamHold } from "../ports/downlink-log.js";
import type { DownlinkFrame } from "../types.js";
import { DownlinkCounters } from "./downlink-counters.js";
import { type DownlinkProcessorOptions, resolveDownlinkOptions } from "./downlink-options.js";
import {
  type DownlinkStats,
  emptyReceiveReport,
  type GapRecord,
  type ReceiveReport,
  type StreamStatus,
  type TelemetrySample,
} from "./downlink-report.js";
import { FrameApplier, type ReportService } from "./frame-applier.js";
import { GapLog } from "./gap-log.js";
import { checkSequencing } from "./parse-frame.js";
import { SpacecraftStream } from "./spacecraft-stream.js";
import { drainHeld, expireGaps, gapDeadline, sequenceFrame } from "./stream-sequencing.js";
import { type AppliedListener, TakenFrames } from "./taken-frames.js";
import { TelemetryStore } from "./telemetry-store.js";

const NO_GAPS: readonly GapRecord[] = Object.freeze([]);

/**
 * Applies the downlink (SPEC §3): frames are stored in the {@link DownlinkLog} (the first write
 * of a `(spacecraftId, seq)` wins), then applied per spacecraft in `seq` order from the log's
 * cursor, as core's sequencing decision (`sequenceFrame`, `expireGaps`) says: a frame ahead of
 * a gap is held; the gap is waited for `gapTimeoutMs` (a clock timer) from the moment a later
 * frame showed it, or skipped at once when `maxBuffered` frames are held, and then recorded. A
 * frame that arrives after its gap was skipped is applied anyway and counted `late`.
 *
 * Reports become lifecycle events through `toEvent` and go to the service's `apply` with source
 * `spacecraft`; telemetry values are kept per spacecraft. Work on one spacecraft runs one call
 * at a time, so concurrent `receive` calls never apply a frame twice or out of order; on a log
 * shared by several processes ({@link DownlinkLog.own}) one process at a time works on it, from
 * the stored stream whenever another process saved it since. When the log and the service answer
 * at once (core's in-memory adapters), `receive` and the gap timer's work are done when they
 * return, with no promise made: the simulator runs them on its virtual clock. Frames must have
 * passed {@link parseFrame} (or come from trusted code): `receive` only re-checks what sequencing needs.
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
  private readonly taken: TakenFrames;
  private readonly gaps: GapLog;
  private readonly counters = new DownlinkCounters();
  private stopped = false;

  constructor(
    service: ReportService,
    private readonly log: DownlinkLog,
    private readonly clock: Clock,
    options: Partial<DownlinkProcessorOptions> = {},
  ) {
    this.options = resolveDownlinkOptions(options);
    const applier = new FrameApplier(service, this.options.toEvent, this.store, this.options.known);
    this.taken = new TakenFrames(applier, this.options.applyConcurrency, clock, this.applied);
    this.gaps = new GapLog(this.options.maxGapRecords);
  }

  /**
   * Takes one frame or a batch (in any order, with duplicates) and applies what can be applied.
   * Throws {@link ValidationError} before changing anything when a frame lacks a usable
   * `spacecraftId` or `seq`; storage errors propagate (the sender should retry the frames).
   * Answers at once when the ports do.
   */
  receive(input: DownlinkFrame | readonly DownlinkFrame[]): Awaitable<ReceiveReport> {
    const frames: readonly DownlinkFrame[] = Array.isArray(input)
      ? (input as readonly DownlinkFrame[])
      : [input as DownlinkFrame];
    checkSequencing(frames);
    const report = emptyReceiveReport();
    this.counters.received(frames.length, report);
    const first = frames[0];
    if (!first) return report;
    let single = true;
    for (const frame of frames) if (frame.spacecraftId !== first.spacecraftId) single = false;
    if (single) {
      const done = this.enqueue(first.spacecraftId, frames, report);
      return isPromiseLike(done) ? done.then(() => report) : report;
    }
    const groups = new Map<string, DownlinkFrame[]>();
    for (const frame of frames) {
      const group = groups.get(frame.spacecraftId);
      if (group) group.push(frame);
      else groups.set(frame.spacecraftId, [frame]);
    }
    // Every spacecraft's frames are stored and applied even when another's fail at once.
    const runs: Awaitable<void>[] = [];
    let failure: { readonly error: unknown } | null = null;
    for (const [id, group] of groups) {
      try {
        runs.push(this.enqueue(id, group, report));
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure === null) return andThen(all(runs), () => report);
    const { error } = failure;
    if (runs.some(isPromiseLike)) return Promise.allSettled(runs).then(() => Promise.reject(error));
    throw error;
  }

  /** Running totals of this processor (the log keeps the durable ones, where it keeps any). */
  stats(): DownlinkStats {
    let buffered = 0;
    for (const stream of this.streams.values()) buffered += stream.held.size;
    return this.counters.stats(this.gaps.total, buffered);
  }

  /** The latest value and time of each telemetry parameter of a spacecraft. */
  telemetry(spacecraftId: string): Record<string, TelemetrySample> {
    return this.store.latest(spacecraftId);
  }

  /** The most recent gaps this processor skipped, oldest first (at most `maxGapRecords`). */
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

  private enqueue(
    spacecraftId: string,
    frames: readonly DownlinkFrame[] | null,
    report: ReceiveReport | null,
  ): Awaitable<void> {
    let stream = this.streams.get(spacecraftId);
    if (!stream) {
      stream = new SpacecraftStream(spacecraftId, (gap) => this.gaps.add(gap));
      this.streams.set(spacecraftId, stream);
    }
    return stream.run(this.process, frames, report);
  }

  private readonly process = (
    stream: SpacecraftStream,
    frames: readonly DownlinkFrame[] | null,
    report: ReceiveReport | null,
  ): Awaitable<void> => runTask(this.work(stream, frames, report));

  /**
   * One turn on a stream: takes it and reads it from the log (on a shared log, every turn;
   * otherwise the first), then appends and sequences `frames` (or, for the gap timer, expires
   * gaps), applies what was taken, arms the gap timer, saves, and lets the stream go.
   */
  private *work(
    stream: SpacecraftStream,
    frames: readonly DownlinkFrame[] | null,
    report: ReceiveReport | null,
  ): Task<void> {
    let hold: StreamHold | null = null;
    if (this.log.own) hold = (yield this.log.own(stream.spacecraftId)) as StreamHold;
    try {
      // On a shared log another process may have moved the stream since: it is read each turn.
      if (!stream.loaded || hold !== null) {
        stream.reset((yield this.log.load(stream.spacecraftId)) as StoredStream);
      }
      try {
        if (frames === null) {
          stream.now = this.clock.now();
          expireGaps(stream, stream.now, this.options, stream);
        } else if (this.options.applyConcurrency === 1 || frames.length === 1) {
          for (let i = 0; i < frames.length; i++) {
            const frame = frames[i] as DownlinkFrame;
            const at = this.clock.now();
            let arrival = this.log.append(frame, at);
            if (isPromiseLike(arrival)) arrival = (yield arrival) as FrameArrival;
            this.sequence(stream, frame, arrival, at, report);
            if (stream.applying) {
              const applying = this.taken.apply(stream, report);
              if (isPromiseLike(applying)) yield applying;
            }
          }
        } else {
          const arrivals = (yield this.appendAll(frames)) as (FrameArrival | undefined)[];
          for (let i = 0; i < frames.length; i++) {
            const frame = frames[i] as DownlinkFrame;
            const at = this.clock.now();
            const arrival = arrivals[i] ?? ((yield this.log.append(frame, at)) as FrameArrival);
            this.sequence(stream, frame, arrival, at, report);
          }
        }
        drainHeld(stream, stream);
        // Only promises are yielded: each yield costs the generator a result object.
        if (stream.applying) {
          const applying = this.taken.apply(stream, report);
          if (isPromiseLike(applying)) yield applying;
        }
      } finally {
        if (report) report.pending += stream.held.size;
        this.armGapTimer(stream);
        if (stream.unsaved) {
          const saved = this.save(stream);
          if (isPromiseLike(saved)) yield saved;
        }
      }
    } finally {
      if (hold !== null) yield hold.release();
    }
  }

  /** Counts a frame's arrival and lets the sequencing decision place it. */
  private sequence(
    stream: SpacecraftStream,
    frame: DownlinkFrame,
    arrival: FrameArrival,
    now: number,
    report: ReceiveReport | null,
  ): void {
    this.counters.arrived(arrival, report);
    if (arrival === "new") stream.unsavedNew++;
    stream.now = now;
    if (sequenceFrame(stream, frame, arrival, now, this.options, stream) === "held" && report)
      report.buffered++;
  }

  /**
   * Appends a batch's frames at once: every first occurrence of a seq (later occurrences are
   * left undefined, to be appended in order once the first is known).
   */
  private appendAll(frames: readonly DownlinkFrame[]): Awaitable<(FrameArrival | undefined)[]> {
    const seen = new Set<number>();
    const arrivals: Awaitable<FrameArrival | undefined>[] = [];
    const at = this.clock.now();
    for (const frame of frames) {
      if (seen.has(frame.seq)) arrivals.push(undefined);
      else {
        seen.add(frame.seq);
        arrivals.push(this.log.append(frame, at));
      }
    }
    return all(arrivals);
  }

  /** Counts a taken frame once applied and tells the listener. */
  private readonly applied: AppliedListener = (stream, frame, outcome, late, report) => {
    this.counters.applied(outcome, late, report, stream.unsavedCounts);
    this.options.onFrame?.({ frame, outcome, late });
  };

  private save(stream: SpacecraftStream): Awaitable<void> {
    const cursor = stream.cursor;
    const counts = stream.unsavedCounts;
    const saved = this.log.save({
      spacecraftId: stream.spacecraftId,
      cursor,
      gaps: stream.unsavedGaps.length === 0 ? NO_GAPS : stream.unsavedGaps.slice(),
      applied: counts.applied,
      late: counts.late,
      unknownCommand: counts.unknownCommand,
      unknownType: counts.unknownType,
      telemetry: counts.telemetry,
    });
    if (!isPromiseLike(saved)) stream.markSaved(cursor);
    else return saved.then(() => stream.markSaved(cursor));
  }

  /** (Re)arms the gap timer for the gap now waited for, if any. */
  private armGapTimer(stream: SpacecraftStream): void {
    const deadline = this.stopped ? null : gapDeadline(stream, this.options);
    if (deadline === null) {
      this.disarm(stream);
      return;
    }
    if (stream.timer !== null && stream.timerDeadline === deadline) return;
    this.disarm(stream);
    stream.timerDeadline = deadline;
    stream.timer = this.clock.schedule(Math.max(0, deadline - this.clock.now()), () =>
      this.onGapTimer(stream),
    );
  }

  private onGapTimer(stream: SpacecraftStream): void {
    stream.timer = null;
    const fail = (error: unknown): void => {
      this.counters.failed();
      this.options.onError?.(error);
    };
    try {
      const work = this.enqueue(stream.spacecraftId, null, null);
      if (isPromiseLike(work)) work.then(undefined, fail);
    } catch (error) {
      fail(error);
    }
  }

  private disarm(stream: SpacecraftStream): void {
    if (stream.timer === null) return;
    this.clock.cancel(stream.timer);
    stream.timer = null;
  }
}
