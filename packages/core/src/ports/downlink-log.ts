import type { Awaitable } from "../awaitable.js";
import type { DownlinkFrame, Instant } from "../types.js";

/** What happened to a received frame. */
export type FrameArrival = "new" | "duplicate" | "conflict";

/** Why a run of missing seqs was given up on: waited `gapTimeoutMs`, or the reorder buffer was full. */
export type GapCause = "timeout" | "overflow";

/** A run of missing seqs that was given up on. */
export interface GapRecord {
  readonly spacecraftId: string;
  readonly fromSeq: number;
  /** Inclusive. */
  readonly toSeq: number;
  /** When it was skipped. */
  readonly at: Instant;
  readonly cause: GapCause;
}

/** A frame stored beyond a stream's cursor, and when it arrived. */
export interface HeldFrame {
  readonly frame: DownlinkFrame;
  readonly at: Instant;
}

/** A spacecraft's stream as stored. */
export interface StoredStream {
  /** The highest seq applied or skipped (0 when none). */
  readonly cursor: number;
  /** The frames stored beyond the cursor, by arrival instant (earliest first; ties in any order). */
  readonly held: readonly HeldFrame[];
}

/** Frames of one stream counted by what applying them did, since the last save. */
export interface AppliedCounts {
  /** Frames handled in `seq` order (or late), whatever they carried. */
  readonly applied: number;
  /** Frames applied after their gap was skipped. */
  readonly late: number;
  readonly unknownCommand: number;
  readonly unknownType: number;
  readonly telemetry: number;
}

/** What a stream's owner stores after working on it, with the counts of the frames it applied since its last save. */
export interface StreamProgress extends AppliedCounts {
  readonly spacecraftId: string;
  /** The new cursor (a cursor never moves back: a lower one leaves it where it is). */
  readonly cursor: number;
  /** Gaps skipped since the last save, oldest first. */
  readonly gaps: readonly GapRecord[];
}

/** This process's hold on a stream of a {@link DownlinkLog} shared by several processes. */
export interface StreamHold {
  /** Lets other processes have the stream. */
  release(): Awaitable<void>;
}

/**
 * Durable record of received frames and of where each spacecraft's stream stands. `append` is
 * atomic per `(spacecraftId, seq)`: the first write wins, and content is compared as
 * `frameFingerprint` (core) compares it. Answers are {@link Awaitable}: core's in-memory adapter
 * answers at once (the simulator runs the downlink without a promise), the database with promises.
 *
 * A log that keeps counters (the database: `/api/stats`) counts each appended frame as received
 * and as accepted, duplicate or conflict in the statement that stores it, and a save's counts
 * and gaps with its cursor.
 */
export interface DownlinkLog {
  /** Stores the frame, received at `at`, unless its `(spacecraftId, seq)` is known; known with other content: a conflict. */
  append(frame: DownlinkFrame, at: Instant): Awaitable<FrameArrival>;
  /** The stream as stored: its cursor and the frames stored beyond it. */
  load(spacecraftId: string): Awaitable<StoredStream>;
  /** Stores a stream's progress: the cursor (forward only), the gaps skipped, the counts. */
  save(progress: StreamProgress): Awaitable<void>;
  /**
   * Present on a log that several processes share: waits until this process alone works on the
   * spacecraft's stream (loads, appends, decides and saves it), until `release`. Without it, the
   * log serves one process, whose memory of each stream stays current.
   */
  own?(spacecraftId: string): Awaitable<StreamHold>;
}

export const DOWNLINK_LOG = Symbol.for("uplink.DownlinkLog");
