import { closeSync, openSync, writeSync } from "node:fs";
import type { TraceRecord, TraceSink } from "../trace/trace-record.js";

const FLUSH_AT = 1 << 20;

/**
 * Writes the trace as JSON Lines to a file, buffering about a megabyte at a time with
 * synchronous writes: a long run's trace streams to disk with bounded memory and no event-loop
 * turns (which the virtual clock would not wait for).
 */
export class FileTraceWriter implements TraceSink {
  private readonly fd: number;
  private buffer = "";

  constructor(path: string) {
    this.fd = openSync(path, "w");
  }

  write(record: TraceRecord): void {
    this.buffer += `${JSON.stringify(record)}\n`;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = "";
  }
}
