import type { Instant } from "../types.js";
import type { GapRecord } from "./downlink-report.js";
import type { SkippedRange } from "./spacecraft-stream.js";

/** The skipped gaps: a running count of missing seqs and a bounded list of the latest records. */
export class GapLog {
  private readonly records: GapRecord[] = [];
  private missing = 0;

  constructor(private readonly maxRecords: number) {}

  record(spacecraftId: string, skipped: SkippedRange, at: Instant, cause: GapRecord["cause"]): void {
    this.missing += skipped.toSeq - skipped.fromSeq + 1;
    if (this.maxRecords === 0) return;
    this.records.push({ spacecraftId, fromSeq: skipped.fromSeq, toSeq: skipped.toSeq, at, cause });
    if (this.records.length > this.maxRecords) this.records.shift();
  }

  /** Missing seqs skipped so far. */
  get total(): number {
    return this.missing;
  }

  /** The latest records, oldest first. */
  recent(): GapRecord[] {
    return [...this.records];
  }
}
