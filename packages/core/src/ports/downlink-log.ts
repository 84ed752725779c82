import type { DownlinkFrame } from "../types.js";

/** What happened to a received frame. */
export type FrameArrival = "new" | "duplicate" | "conflict";

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
