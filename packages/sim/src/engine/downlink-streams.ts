import type { FrameColumns } from "./frame-columns.js";

/** What the downlink streams need from the engine. */
export interface DownlinkHost {
  now(): number;
  /** Applies a report frame taken in sequence to its command. */
  apply(spacecraft: number, seq: number): void;
  /** Schedules spacecraft `s`'s gap timer; returns its handle. */
  scheduleGap(s: number, delayMs: number): number;
  /** Cancels a live gap timer. */
  cancelGap(): void;
}

/** Counters, as core's `DownlinkProcessor.stats()` reports them. */
export interface StreamCounters {
  received: number;
  accepted: number;
  applied: number;
  duplicates: number;
  conflicts: number;
  late: number;
  gaps: number;
}

class Stream {
  cursor = 0;
  /** Held seqs ahead of a gap → when each arrived; a Map keeps arrival order, as core's does. */
  readonly held = new Map<number, number>();
  timer = -1;
  timerDeadline = 0;
}

/**
 * Core's `DownlinkProcessor` with `applyConcurrency` 1 and an in-memory log, run without
 * promises: per spacecraft, the first copy of a `(spacecraftId, seq)` wins (later copies are
 * duplicates, or conflicts when their time differs), frames are applied in `seq` order from the
 * cursor, a frame ahead of a gap is held for `gapTimeoutMs` from when a later frame showed the
 * gap (or until `maxBuffered` are held), and a frame behind a skipped gap is applied late. Work
 * on a stream never overlaps in the reference either (a promise chain serialises it), so doing
 * it in arrival order gives the same transitions in the same order.
 */
export class DownlinkStreams {
  readonly counters: StreamCounters = {
    received: 0,
    accepted: 0,
    applied: 0,
    duplicates: 0,
    conflicts: 0,
    late: 0,
    gaps: 0,
  };
  private readonly streams: Stream[] = [];
  private stopped = false;

  constructor(
    private readonly frames: readonly FrameColumns[],
    private readonly host: DownlinkHost,
    private readonly gapTimeoutMs: number,
    private readonly maxBuffered: number,
  ) {
    for (let s = 0; s < frames.length; s++) this.streams.push(new Stream());
  }

  /** Frames held ahead of gaps now. */
  get buffered(): number {
    let n = 0;
    for (const stream of this.streams) n += stream.held.size;
    return n;
  }

  /** A copy of frame `seq` of spacecraft `s`, carrying `time`, arrived. */
  receive(s: number, seq: number, time: number): void {
    const counters = this.counters;
    counters.received++;
    const stream = this.streams[s] as Stream;
    const f = this.frames[s] as FrameColumns;
    if (f.stored[seq] === 0) {
      f.stored[seq] = 1;
      f.storedTime[seq] = time;
      counters.accepted++;
    } else if (f.storedTime[seq] !== time) {
      counters.conflicts++;
      this.settle(s, stream);
      return;
    } else {
      counters.duplicates++;
      if (seq <= stream.cursor || stream.held.has(seq)) {
        this.settle(s, stream);
        return;
      }
    }
    if (seq === stream.cursor + 1) {
      stream.cursor = seq;
      this.take(s, seq, false);
      if (stream.held.size > 0) this.drain(s, stream);
    } else if (seq > stream.cursor) {
      stream.held.set(seq, this.host.now());
      if (stream.held.size > this.maxBuffered) {
        this.skip(stream);
        this.drain(s, stream);
      }
    } else {
      this.take(s, seq, true);
    }
    this.settle(s, stream);
  }

  /** Whether `order` is spacecraft `s`'s live gap timer (a popped timer that is not was cancelled). */
  isLive(s: number, order: number): boolean {
    return (this.streams[s] as Stream).timer === order;
  }

  /** Spacecraft `s`'s live gap timer fired: skips every gap waited for long enough. */
  gapTimer(s: number): void {
    const stream = this.streams[s] as Stream;
    stream.timer = -1;
    for (;;) {
      const since = this.gapSince(stream);
      if (since === null || since + this.gapTimeoutMs > this.host.now()) break;
      this.skip(stream);
      this.drain(s, stream);
    }
    this.settle(s, stream);
  }

  private take(s: number, seq: number, late: boolean): void {
    this.host.apply(s, seq);
    this.counters.applied++;
    if (late) this.counters.late++;
  }

  private drain(s: number, stream: Stream): void {
    while (stream.held.has(stream.cursor + 1)) {
      stream.held.delete(++stream.cursor);
      this.take(s, stream.cursor, false);
    }
  }

  private gapSince(stream: Stream): number | null {
    if (stream.held.size === 0 || stream.held.has(stream.cursor + 1)) return null;
    for (const at of stream.held.values()) return at;
    return null;
  }

  private skip(stream: Stream): void {
    if (stream.held.size === 0 || stream.held.has(stream.cursor + 1)) return;
    let lowest = Number.POSITIVE_INFINITY;
    for (const seq of stream.held.keys()) if (seq < lowest) lowest = seq;
    this.counters.gaps += lowest - 1 - stream.cursor;
    stream.cursor = lowest - 1;
  }

  private settle(s: number, stream: Stream): void {
    const since = this.stopped ? null : this.gapSince(stream);
    if (since === null) {
      this.disarm(stream);
      return;
    }
    const deadline = since + this.gapTimeoutMs;
    if (stream.timer === -1 || stream.timerDeadline !== deadline) {
      this.disarm(stream);
      stream.timerDeadline = deadline;
      stream.timer = this.host.scheduleGap(s, Math.max(0, deadline - this.host.now()));
    }
  }

  private disarm(stream: Stream): void {
    if (stream.timer === -1) return;
    this.host.cancelGap();
    stream.timer = -1;
  }

  /** Cancels every gap timer and arms no more (the processor's stop). */
  stop(): void {
    this.stopped = true;
    for (const stream of this.streams) this.disarm(stream);
  }
}
