import type { TraceRecord, TraceSink } from "../trace/trace-record.js";

/**
 * Keeps what a timeline needs from a trace too big to keep: the header, the windows, the end,
 * and the records of every `k`-th submitted command, with `k` chosen so that at most
 * `maxLanes` commands are kept. The sample is deterministic (by submission order).
 *
 * @example
 * const sampler = new TimelineSampler(1_000_000, 60);
 * await runScenario({ ...config, keepTrace: false, traceSink: sampler });
 * writeFileSync("run.svg", renderTimeline(sampler.records, { totalCommands: sampler.commands }));
 */
export class TimelineSampler implements TraceSink {
  readonly records: TraceRecord[] = [];
  private readonly every: number;
  private readonly kept = new Set<string>();
  private submitted = 0;

  constructor(expectedCommands: number, maxLanes = 60) {
    this.every = Math.max(1, Math.ceil(expectedCommands / Math.max(1, maxLanes)));
  }

  /** Commands seen (kept or not). */
  get commands(): number {
    return this.submitted;
  }

  write(record: TraceRecord): void {
    switch (record.type) {
      case "header":
      case "window":
      case "restart":
      case "inhibit":
      case "queue":
      case "mode":
      case "end":
        this.records.push(record);
        return;
      case "submit":
        if (this.submitted++ % this.every === 0) {
          this.kept.add(record.id);
          this.records.push(record);
        }
        return;
      default:
        if (this.kept.has(record.id)) this.records.push(record);
    }
  }
}
