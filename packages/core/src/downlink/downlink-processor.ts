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

  // A stream loaded, on a log this process alone works on, needs no generator: a turn on it
  // runs as plain calls, at once while the ports answer at once (every frame the simulator
  // receives), and a generator costs hundreds of bytes per frame.
  private readonly process = (
    stream: SpacecraftStream,
    frames: readonly DownlinkFrame[] | null,
    report: ReceiveReport | null,
  ): Awaitable<void> =>
    this.log.own === undefined && stream.loaded
      ? this.turn(stream, frames, report)
      : runTask(this.work(stream, frames, report));

  /**
   * One turn on a stream that must first be taken (a shared log) or read from the log: takes
   * it and reads it (on a shared log, every turn; otherwise the first), runs the {@link turn},
   * and lets the stream go.
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
      yield this.turn(stream, frames, report);
    } finally {
      if (hold !== null) yield hold.release();
    }
  }

  /**
   * The turn proper, on a loaded stream: appends and sequences `frames` (or, for the gap timer,
   * expires gaps) and applies what was taken; then, whether that succeeded or not, arms the gap
   * timer and saves (an error saving wins over the turn's own).
   */
  private turn(
    stream: SpacecraftStream,
    frames: readonly DownlinkFrame[] | null,
    report: ReceiveReport | null,
  ): Awaitable<void> {
    let taken: Awaitable<void>;
    try {
      taken = this.take(stream, frames, report);
    } catch (error) {
      return this.endTurn(stream, report, { error });
    }
    if (!isPromiseLike(taken)) return this.endTurn(stream, report, null);
    return Promise.resolve(taken).then(
      () => this.endTurn(stream, report, null),
      (error: unknown) => this.endTurn(stream, report, { error }),
    );
  }

  private take(
    stream: SpacecraftStream,
    frames: readonly DownlinkFrame[] | null,
    report: ReceiveReport | null,
  ): Awaitable<void> {
    if (frames === null) {
      stream.now = this.clock.now();
      expireGaps(stream, stream.now, this.options, stream);
      return this.applyHeld(stream, report);
    }
    if (this.options.applyConcurrency === 1 || frames.length === 1) {
      return this.takeEach(stream, frames, report, 0);
    }
    return andThen(this.appendAll(frames), (arrivals) => this.takeBatch(stream, frames, arrivals, report, 0));
  }

  /** Appends, sequences and applies the frames from `from` on, one at a time. */
  private takeEach(
    stream: SpacecraftStream,
    frames: readonly DownlinkFrame[],
    report: ReceiveReport | null,
    from: number,
  ): Awaitable<void> {
    for (let i = from; i < frames.length; i++) {
      const frame = frames[i] as DownlinkFrame;
      const at = this.clock.now();
      const arrival = this.log.append(frame, at);
      const placed = isPromiseLike(arrival)
        ? Promise.resolve(arrival).then((settled) => this.place(stream, frame, settled, at, report))
        : this.place(stream, frame, arrival, at, report);
      if (isPromiseLike(placed)) {
        return Promise.resolve(placed).then(() => this.takeEach(stream, frames, report, i + 1));
      }
    }
    return this.applyHeld(stream, report);
  }

  /** Sequences the frames of a batch whose first occurrences were appended together, from `from` on. */
  private takeBatch(
    stream: SpacecraftStream,
    frames: readonly DownlinkFrame[],
    arrivals: readonly (FrameArrival | undefined)[],
    report: ReceiveReport | null,
    from: number,
  ): Awaitable<void> {
    for (let i = from; i < frames.length; i++) {
      const frame = frames[i] as DownlinkFrame;
      const at = this.clock.now();
      const known = arrivals[i];
      const arrival = known ?? this.log.append(frame, at);
      if (isPromiseLike(arrival)) {
        return Promise.resolve(arrival).then((settled) => {
          this.sequence(stream, frame, settled, at, report);
          return this.takeBatch(stream, frames, arrivals, report, i + 1);
        });
      }
      this.sequence(stream, frame, arrival, at, report);
    }
    return this.applyHeld(stream, report);
  }

  /** Sequences one frame and applies what that took. */
  private place(
    stream: SpacecraftStream,
    frame: DownlinkFrame,
    arrival: FrameArrival,
    at: number,
    report: ReceiveReport | null,
  ): Awaitable<void> {
    this.sequence(stream, frame, arrival, at, report);
    return stream.applying ? this.taken.apply(stream, report) : undefined;
  }

  /** Takes the held frames now in sequence and applies them. */
  private applyHeld(stream: SpacecraftStream, report: ReceiveReport | null): Awaitable<void> {
    drainHeld(stream, stream);
    return stream.applying ? this.taken.apply(stream, report) : undefined;
  }

  /** Ends a turn: counts what stays held, arms the gap timer, saves; then throws the turn's error, if any. */
  private endTurn(
    stream: SpacecraftStream,
    report: ReceiveReport | null,
    failure: { readonly error: unknown } | null,
  ): Awaitable<void> {
    if (report) report.pending += stream.held.size;
    this.armGapTimer(stream);
    const saved = stream.unsaved ? this.save(stream) : undefined;
    if (failure === null) return saved;
    if (isPromiseLike(saved)) {
      return Promise.resolve(saved).then(() => {
        throw failure.error;
      });
    }
    throw failure.error;
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
