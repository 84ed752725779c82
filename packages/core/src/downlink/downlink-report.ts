import type { DownlinkFrame, Instant, TelemetryValue } from "../types.js";

export type { GapRecord } from "../ports/downlink-log.js";

/** What one `receive` call did. */
export interface ReceiveReport {
  /** Frames in the call. */
  received: number;
  /** Frames new to the downlink log (stored). */
  accepted: number;
  /** Frames already received with the same content: dropped. */
  duplicates: number;
  /** Frames whose `seq` was already received with other content: dropped, the first write wins. */
  conflicts: number;
  /** Accepted frames whose `seq` had already been skipped as a gap: applied at once. */
  late: number;
  /** Frames of this call that arrived ahead of a gap and were held in the reorder buffer. */
  buffered: number;
  /** Frames applied while this call ran, including earlier buffered frames it released. */
  applied: number;
  /** Frames still held for this call's spacecraft when it returned. */
  pending: number;
}

/** Running totals since the processor was created (`/api/stats`, simulator invariants). */
export interface DownlinkStats {
  readonly received: number;
  readonly accepted: number;
  /** Frames handled in `seq` order (or late), whatever they carried. */
  readonly applied: number;
  readonly duplicates: number;
  readonly conflicts: number;
  /** Missing seqs skipped after the gap timeout or a full reorder buffer. */
  readonly gaps: number;
  readonly late: number;
  /** Report frames for a command the repository does not know. */
  readonly unknownCommand: number;
  /** Frames of a type that neither telemetry nor the frame-to-event mapper knows. */
  readonly unknownType: number;
  /** Telemetry frames applied. */
  readonly telemetry: number;
  /** Frames held in reorder buffers now. */
  readonly buffered: number;
  /** Failures in gap-timer work (they go to the `onError` option, too). */
  readonly errors: number;
}

/** How a frame that was taken in sequence was handled. */
export type FrameOutcome = "transition" | "ignored" | "unknownCommand" | "unknownType" | "telemetry";

/** Passed to the `onFrame` listener for every frame applied, in application order. */
export interface AppliedFrame {
  readonly frame: DownlinkFrame;
  readonly outcome: FrameOutcome;
  /** True when the frame arrived after its gap was skipped. */
  readonly late: boolean;
}

/** The latest value of a telemetry parameter. */
export interface TelemetrySample {
  readonly value: TelemetryValue;
  /** The frame's time. */
  readonly time: Instant;
  /** The frame's seq. */
  readonly seq: number;
}

/** Where one spacecraft's frame stream stands. */
export interface StreamStatus {
  readonly spacecraftId: string;
  /** The highest seq applied or skipped. */
  readonly cursor: number;
  /** Frames held ahead of a gap. */
  readonly pending: number;
  /** When the gap now waited for became visible; null when none. */
  readonly gapSince: Instant | null;
}

/** A report with every count at zero. */
export function emptyReceiveReport(): ReceiveReport {
  return {
    received: 0,
    accepted: 0,
    duplicates: 0,
    conflicts: 0,
    late: 0,
    buffered: 0,
    applied: 0,
    pending: 0,
  };
}
