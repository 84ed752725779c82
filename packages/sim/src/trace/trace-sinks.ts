import type { TraceRecord, TraceSink } from "./trace-record.js";

/** Keeps every record in memory, in order. */
export class MemoryTrace implements TraceSink {
  readonly records: TraceRecord[] = [];

  write(record: TraceRecord): void {
    this.records.push(record);
  }
}

/**
 * Serialises each record to one line of JSON (fields in the order the record has them) and
 * hands it to `writeLine`, e.g. a file stream's `write`.
 *
 * @example
 * const out = createWriteStream("trace.jsonl");
 * const sink = new JsonLinesTrace((line) => out.write(line));
 */
export class JsonLinesTrace implements TraceSink {
  constructor(private readonly writeLine: (line: string) => void) {}

  write(record: TraceRecord): void {
    this.writeLine(`${JSON.stringify(record)}\n`);
  }
}

/** Writes every record to each of the sinks, in order. */
export function fanOut(sinks: readonly TraceSink[]): TraceSink {
  if (sinks.length === 1) return sinks[0] as TraceSink;
  return {
    write(record) {
      for (const sink of sinks) sink.write(record);
    },
  };
}

/** A trace as JSON Lines text. */
export function toJsonLines(records: Iterable<TraceRecord>): string {
  let out = "";
  for (const r of records) out += `${JSON.stringify(r)}\n`;
  return out;
}

/** Parses JSON Lines text back into records (blank lines skipped). */
export function fromJsonLines(text: string): TraceRecord[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as TraceRecord);
}
