import type { GapRecord } from "../ports/downlink-log.js";

/** The skipped gaps: a running count of missing seqs and a bounded list of the latest records. */
export class GapLog {
  private readonly records: GapRecord[] = [];
  private missing = 0;

  constructor(private readonly maxRecords: number) {}

  add(record: GapRecord): void {
    this.missing += record.toSeq - record.fromSeq + 1;
    if (this.maxRecords === 0) return;
    this.records.push(record);
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
