import type { FrameArrival } from "../ports/downlink-log.js";
import type { DownlinkStats, FrameOutcome, ReceiveReport } from "./downlink-report.js";
import type { UnsavedCounts } from "./spacecraft-stream.js";

type Counts = { -readonly [K in Exclude<keyof DownlinkStats, "gaps" | "buffered">]: number };

/**
 * The downlink processor's running totals, and how each frame adds to them, to the report of
 * the `receive` call it came in (null for the gap timer's work) and to its stream's counts
 * not yet saved to the log.
 */
export class DownlinkCounters {
  private readonly counts: Counts = {
    received: 0,
    accepted: 0,
    applied: 0,
    duplicates: 0,
    conflicts: 0,
    late: 0,
    unknownCommand: 0,
    unknownType: 0,
    telemetry: 0,
    errors: 0,
  };

  received(frames: number, report: ReceiveReport): void {
    this.counts.received += frames;
    report.received = frames;
  }

  arrived(arrival: FrameArrival, report: ReceiveReport | null): void {
    if (arrival === "new") {
      this.counts.accepted++;
      if (report) report.accepted++;
    } else if (arrival === "duplicate") {
      this.counts.duplicates++;
      if (report) report.duplicates++;
    } else {
      this.counts.conflicts++;
      if (report) report.conflicts++;
    }
  }

  applied(outcome: FrameOutcome, late: boolean, report: ReceiveReport | null, unsaved: UnsavedCounts): void {
    if (outcome !== "transition" && outcome !== "ignored") {
      this.counts[outcome]++;
      unsaved[outcome]++;
    }
    this.counts.applied++;
    unsaved.applied++;
    if (report) report.applied++;
    if (late) {
      this.counts.late++;
      unsaved.late++;
      if (report) report.late++;
    }
  }

  /** A failure of work started by a gap timer, which has no caller to throw to. */
  failed(): void {
    this.counts.errors++;
  }

  stats(gaps: number, buffered: number): DownlinkStats {
    return { ...this.counts, gaps, buffered };
  }
}
