import type { TimerHandle } from "../ports/clock.js";
import type { DownlinkFrame, Instant } from "../types.js";
import type { StreamStatus } from "./downlink-report.js";

interface Held {
  readonly frame: DownlinkFrame;
  /** When it arrived: the gap before it has been visible since then. */
  readonly at: Instant;
}

/** A run of seqs given up on, `[fromSeq, toSeq]`. */
export interface SkippedRange {
  readonly fromSeq: number;
  readonly toSeq: number;
}

/**
 * One spacecraft's sequencing state: the cursor (highest seq applied or skipped), the frames
 * held ahead of a gap, the gap timer, and the tail of the promise chain that serialises work on
 * the stream. It does no I/O and never awaits; the processor drives it.
 */
export class SpacecraftStream {
  /** -1 until loaded from the log. */
  cursor = -1;
  /** The cursor as last written to the log. */
  saved = -1;
  timer: TimerHandle | null = null;
  timerDeadline = 0;
  /** Settles when the work queued so far has settled. */
  tail: Promise<void> = Promise.resolve();
  // A Map keeps insertion order, so its first entry is the earliest arrival still held.
  private readonly held = new Map<number, Held>();

  constructor(readonly spacecraftId: string) {}

  /** Runs `task` once every task queued before it on this stream has settled. */
  run(task: () => Promise<void>): Promise<void> {
    const run = this.tail.then(task);
    this.tail = run.then(noop, noop);
    return run;
  }

  get loaded(): boolean {
    return this.cursor >= 0;
  }

  get pending(): number {
    return this.held.size;
  }

  hold(frame: DownlinkFrame, at: Instant): void {
    this.held.set(frame.seq, { frame, at });
  }

  isHeld(seq: number): boolean {
    return this.held.has(seq);
  }

  /** The held frame that follows the cursor, if it is here. */
  next(): DownlinkFrame | undefined {
    return this.held.get(this.cursor + 1)?.frame;
  }

  /** Marks the frame after the cursor as applied. */
  advance(): void {
    this.held.delete(++this.cursor);
  }

  /** Whether frames are held and the one after the cursor is not among them. */
  get hasGap(): boolean {
    return this.held.size > 0 && !this.held.has(this.cursor + 1);
  }

  /**
   * When the current gap became visible: the earliest arrival among held frames (all of them lie
   * beyond the gap, so any of them showed it). Null when nothing is held.
   */
  gapSince(): Instant | null {
    for (const held of this.held.values()) return held.at;
    return null;
  }

  /** Moves the cursor to just before the lowest held seq; returns the skipped range, or null if none. */
  skipGap(): SkippedRange | null {
    if (!this.hasGap) return null;
    let lowest = Number.POSITIVE_INFINITY;
    for (const seq of this.held.keys()) if (seq < lowest) lowest = seq;
    const skipped = { fromSeq: this.cursor + 1, toSeq: lowest - 1 };
    this.cursor = lowest - 1;
    return skipped;
  }

  status(): StreamStatus {
    return {
      spacecraftId: this.spacecraftId,
      cursor: this.cursor,
      pending: this.held.size,
      gapSince: this.hasGap ? this.gapSince() : null,
    };
  }
}

const noop = (): void => {};
