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

/**
 * Durable record of received frames and of how far each spacecraft's stream has been applied.
 * `append` is atomic per `(spacecraftId, seq)`: the first write wins.
 */
export interface DownlinkLog {
  /** Stores the frame unless its `(spacecraftId, seq)` is known; a known one with other content is a conflict. */
  append(frame: DownlinkFrame, fingerprint: string): Promise<FrameArrival>;
  /** The highest seq applied or skipped for a spacecraft (0 when none). */
  cursor(spacecraftId: string): Promise<number>;
  /** Moves the cursor forward (never back). */
  advance(spacecraftId: string, seq: number): Promise<void>;
}

export const DOWNLINK_LOG = Symbol.for("uplink.DownlinkLog");
