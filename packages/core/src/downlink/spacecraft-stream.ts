import { type Awaitable, isPromiseLike } from "../awaitable.js";
import type { TimerHandle } from "../ports/clock.js";
import type { GapCause, GapRecord, HeldFrame, StoredStream } from "../ports/downlink-log.js";
import type { DownlinkFrame, Instant } from "../types.js";
import type { StreamStatus } from "./downlink-report.js";
import { gapSince, type SequencingEffects, type StreamState } from "./stream-sequencing.js";

/** Counts of applied frames not yet saved to the log. */
export interface UnsavedCounts {
  applied: number;
  late: number;
  unknownCommand: number;
  unknownType: number;
  telemetry: number;
}

/**
 * One spacecraft's stream as the downlink processor drives it: the sequencing state, what the
 * current run has taken and not applied yet, what is not saved yet (gaps, counts, cursor, new
 * frames), the gap timer, and the queue that keeps work on the stream one at a time. No I/O.
 */
export class SpacecraftStream implements StreamState, SequencingEffects {
  cursor = 0;
  readonly held = new Map<number, HeldFrame>();
  loaded = false;
  /** The cursor as last saved. */
  saved = 0;
  /** Frames the log took as new since the last save. */
  unsavedNew = 0;
  readonly unsavedGaps: GapRecord[] = [];
  readonly unsavedCounts: UnsavedCounts = emptyCounts();
  /** Frames taken in sequence (or late) by the current run, in order: the first `count` of these. */
  readonly taken: DownlinkFrame[] = [];
  readonly late: boolean[] = [];
  count = 0;
  /** The first taken frame not applied yet. */
  next = 0;
  /** The instant skipped gaps are recorded at (set before each decision). */
  now: Instant = 0;
  timer: TimerHandle | null = null;
  timerDeadline = 0;
  private pending: Promise<void> | null = null;
  private running = false;

  /** `onSkip` hears of every gap skipped, as it is skipped. */
  constructor(
    readonly spacecraftId: string,
    private readonly onSkip: (gap: GapRecord) => void,
  ) {}

  take(frame: DownlinkFrame, late: boolean): void {
    this.taken[this.count] = frame;
    this.late[this.count] = late;
    this.count++;
  }

  skip(fromSeq: number, toSeq: number, cause: GapCause): void {
    const gap: GapRecord = { spacecraftId: this.spacecraftId, fromSeq, toSeq, at: this.now, cause };
    this.unsavedGaps.push(gap);
    this.onSkip(gap);
  }

  /** Whether taken frames wait to be applied. */
  get applying(): boolean {
    return this.next < this.count;
  }

  /** The frames taken in sequence from `next` on (not late): those to put back when applying fails. */
  unapplied(): DownlinkFrame[] {
    const frames: DownlinkFrame[] = [];
    for (let i = this.next; i < this.count; i++)
      if (!this.late[i]) frames.push(this.taken[i] as DownlinkFrame);
    return frames;
  }

  clearTaken(): void {
    // Truncating costs a runtime call per run: a few stale references are cheaper to keep.
    if (this.count > 64) {
      this.taken.length = 0;
      this.late.length = 0;
    }
    this.count = 0;
    this.next = 0;
  }

  /** Takes the stored stream as this memory of it; what was not saved is dropped with the old memory. */
  reset(stored: StoredStream): void {
    this.cursor = stored.cursor;
    this.saved = stored.cursor;
    this.held.clear();
    for (const held of stored.held) if (held.frame.seq > stored.cursor) this.held.set(held.frame.seq, held);
    this.unsavedNew = 0;
    this.unsavedGaps.length = 0;
    zero(this.unsavedCounts);
    this.loaded = true;
  }

  /** Whether anything changed since the last save. */
  get unsaved(): boolean {
    return (
      this.cursor !== this.saved ||
      this.unsavedNew > 0 ||
      this.unsavedGaps.length > 0 ||
      this.unsavedCounts.applied > 0
    );
  }

  /** Marks what was just saved as saved (work on a stream runs one at a time: nothing was added meanwhile). */
  markSaved(cursor: number): void {
    this.saved = cursor;
    this.unsavedNew = 0;
    if (this.unsavedGaps.length > 0) this.unsavedGaps.length = 0;
    zero(this.unsavedCounts);
  }

  /**
   * Runs `task` at once when nothing runs or waits on this stream (a task whose ports answer at
   * once is then done when this returns), else once the work queued before it has settled.
   */
  run<A, B>(task: (stream: this, a: A, b: B) => Awaitable<void>, a: A, b: B): Awaitable<void> {
    if (this.pending === null && !this.running) return this.start(task, a, b, true);
    const next = (this.pending ?? Promise.resolve()).then(() => this.start(task, a, b, false));
    this.track(next);
    return next;
  }

  /** Settles when the work queued so far has settled. */
  get tail(): Promise<void> {
    return this.pending ?? Promise.resolve();
  }

  status(): StreamStatus {
    return {
      spacecraftId: this.spacecraftId,
      cursor: this.cursor,
      pending: this.held.size,
      gapSince: gapSince(this),
    };
  }

  /** Runs `task`; when it turns asynchronous, later work waits for it (`queue`: unless already queued behind it). */
  private start<A, B>(
    task: (stream: this, a: A, b: B) => Awaitable<void>,
    a: A,
    b: B,
    queue: boolean,
  ): Awaitable<void> {
    this.running = true;
    let result: Awaitable<void>;
    try {
      result = task(this, a, b);
    } finally {
      this.running = false;
    }
    if (!isPromiseLike(result) || !queue) return result;
    const promise = Promise.resolve(result);
    this.track(promise);
    return promise;
  }

  private track(work: Promise<void>): void {
    const tail = work.then(noop, noop);
    this.pending = tail;
    void tail.then(() => {
      if (this.pending === tail) this.pending = null;
    });
  }
}

function emptyCounts(): UnsavedCounts {
  return { applied: 0, late: 0, unknownCommand: 0, unknownType: 0, telemetry: 0 };
}

function zero(counts: UnsavedCounts): void {
  counts.applied = 0;
  counts.late = 0;
  counts.unknownCommand = 0;
  counts.unknownType = 0;
  counts.telemetry = 0;
}

const noop = (): void => {};
