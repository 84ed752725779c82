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
  // One call site per sink, so that each stays monomorphic: a loop over the sinks would make
  // a single site call every kind of sink, millions of times in a long run.
  const [a, b, c, d] = sinks as TraceSink[];
  switch (sinks.length) {
    case 1:
      return a as TraceSink;
    case 2:
      return {
        write(r) {
          a?.write(r);
          b?.write(r);
        },
      };
    case 3:
      return {
        write(r) {
          a?.write(r);
          b?.write(r);
          c?.write(r);
        },
      };
    case 4:
      return {
        write(r) {
          a?.write(r);
          b?.write(r);
          c?.write(r);
          d?.write(r);
        },
      };
    default:
      return {
        write(record) {
          for (const sink of sinks) sink.write(record);
        },
      };
  }
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
