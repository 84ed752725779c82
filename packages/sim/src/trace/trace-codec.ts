import type {
  TraceCancel,
  TraceRecord,
  TraceSink,
  TraceSpacecraft,
  TraceSubmit,
  TraceTransition,
  TraceUplink,
} from "./trace-record.js";

/**
 * A run of trace records in a form another thread can take over at little cost: numbers in a
 * typed array whose buffer is transferred, not copied, and the strings and rare records that
 * cannot be numbers in a plain array beside it, in the order the numbers refer to them.
 */
export interface TraceChunk {
  readonly records: number;
  readonly numbers: Float64Array;
  /** How many of {@link numbers} are used. */
  readonly used: number;
  readonly values: unknown[];
}

// A record's first number: its type. The frequent types are numbers field by field; the rest
// travel whole in `values`.
const OTHER = 0;
const TRANSITION = 1;
const SPACECRAFT = 2;
const UPLINK = 3;
const SUBMIT = 4;
const CANCEL = 5;

// Added to the type when the record's command id is the previous record's: a command's records
// often follow one another (its submission and first entry; its transmission, uplink and
// reception), and each id that need not cross saves copying it.
const SAME_ID = 16;

// A string field's number: a code of the shared table (the next code is new, and its text is
// the next value), or one of these.
const NULL = -1;
const RAW = -2;
const ABSENT = -3;

/** Enough numbers for any one record of a frequent type. */
const MAX_RECORD_NUMBERS = 16;
/** Statuses, sources, actors, reasons and names recur; past this many, strings travel as they are. */
const MAX_CODES = 65_536;

/**
 * Writes trace records into {@link TraceChunk}s and hands each full one to `deliver`.
 * Command ids travel as strings (a million of them would make a table larger than the time it
 * saves); every other string gets a code the first time it is seen.
 *
 * @example
 * const writer = new TraceChunkWriter((chunk) => worker.postMessage(chunk, [chunk.numbers.buffer]));
 * writer.write(record);
 * writer.flush();
 */
export class TraceChunkWriter implements TraceSink {
  private readonly codes = new Map<string, number>();
  private numbers: Float64Array;
  private used = 0;
  private values: unknown[] = [];
  private records = 0;
  private lastId: string | null = null;

  private readonly capacity: number;
  private readonly maxCodes: number;

  /**
   * @param options.capacity numbers a chunk holds (default 131 072, about 12 000 records)
   * @param options.maxCodes strings given a code before the rest travel as they are (default 65 536)
   */
  constructor(
    private readonly deliver: (chunk: TraceChunk) => void,
    options: { readonly capacity?: number; readonly maxCodes?: number } = {},
  ) {
    this.capacity = Math.max(options.capacity ?? 131_072, MAX_RECORD_NUMBERS);
    this.maxCodes = options.maxCodes ?? MAX_CODES;
    this.numbers = new Float64Array(this.capacity);
  }

  write(record: TraceRecord): void {
    if (this.used + MAX_RECORD_NUMBERS > this.capacity) this.flush();
    this.records++;
    switch (record.type) {
      case "transition":
        this.transition(record);
        return;
      case "spacecraft":
        this.spacecraft(record);
        return;
      case "uplink":
        this.uplink(record);
        return;
      case "submit":
        this.submit(record);
        return;
      case "cancel":
        this.cancel(record);
        return;
      default:
        this.numbers[this.used++] = OTHER;
        this.values.push(record);
    }
  }

  /** Delivers what has been written since the last chunk, if anything. */
  flush(): void {
    if (this.records === 0) return;
    const chunk: TraceChunk = {
      records: this.records,
      numbers: this.numbers,
      used: this.used,
      values: this.values,
    };
    this.numbers = new Float64Array(this.capacity);
    this.used = 0;
    this.values = [];
    this.records = 0;
    this.deliver(chunk);
  }

  private transition(r: TraceTransition): void {
    const n = this.numbers;
    n[this.used++] = TRANSITION + this.idFlag(r.id);
    n[this.used++] = r.at;
    n[this.used++] = r.seq;
    n[this.used++] = r.eventId;
    this.string(r.from);
    this.string(r.to);
    this.string(r.reason);
    this.string(r.source);
    this.string(r.actor);
    n[this.used++] = r.ignored ? 1 : 0;
    this.string(r.failureReason);
    this.string(r.kind);
  }

  private spacecraft(r: TraceSpacecraft): void {
    const n = this.numbers;
    n[this.used++] = SPACECRAFT + this.idFlag(r.id);
    n[this.used++] = r.at;
    this.string(r.spacecraftId);
    this.string(r.event);
    n[this.used++] = r.success === null ? -1 : r.success ? 1 : 0;
  }

  private uplink(r: TraceUplink): void {
    const n = this.numbers;
    n[this.used++] = UPLINK + this.idFlag(r.id);
    n[this.used++] = r.at;
    this.string(r.spacecraftId);
  }

  private submit(r: TraceSubmit): void {
    const n = this.numbers;
    n[this.used++] = SUBMIT + this.idFlag(r.id);
    n[this.used++] = r.at;
    this.string(r.spacecraftId);
    this.string(r.name);
    n[this.used++] = r.priority;
    // No instant is NaN, so NaN can stand for null.
    n[this.used++] = r.notBefore ?? Number.NaN;
    n[this.used++] = r.notAfter ?? Number.NaN;
    this.string(r.category);
  }

  private cancel(r: TraceCancel): void {
    const n = this.numbers;
    n[this.used++] = CANCEL + this.idFlag(r.id);
    n[this.used++] = r.at;
    n[this.used++] = r.ok ? 1 : 0;
    this.string(r.status);
  }

  /** {@link SAME_ID} when `id` is the previous record's; otherwise 0, and the id goes with the values. */
  private idFlag(id: string): number {
    if (id === this.lastId) return SAME_ID;
    this.lastId = id;
    this.values.push(id);
    return 0;
  }

  private string(s: string | null | undefined): void {
    if (typeof s !== "string") {
      this.numbers[this.used++] = s === null ? NULL : ABSENT;
      return;
    }
    const code = this.codes.get(s);
    if (code !== undefined) {
      this.numbers[this.used++] = code;
    } else if (this.codes.size < this.maxCodes) {
      this.numbers[this.used++] = this.codes.size;
      this.codes.set(s, this.codes.size);
      this.values.push(s);
    } else {
      this.numbers[this.used++] = RAW;
      this.values.push(s);
    }
  }
}

/**
 * Turns chunks back into the records {@link TraceChunkWriter} was given, equal field for field
 * and in the same key order, and writes them to `sink`. One reader per writer, chunks in the
 * order they were delivered: codes are given as strings are first seen.
 */
export class TraceChunkReader {
  private readonly strings: string[] = [];
  private numbers: Float64Array = new Float64Array(0);
  private at = 0;
  private values: readonly unknown[] = [];
  private next = 0;
  private lastId = "";

  constructor(private readonly sink: TraceSink) {}

  read(chunk: TraceChunk): void {
    this.numbers = chunk.numbers;
    this.values = chunk.values;
    this.at = 0;
    this.next = 0;
    const sink = this.sink;
    while (this.at < chunk.used) sink.write(this.record());
  }

  private record(): TraceRecord {
    const tagged = this.number();
    const type = tagged & ~SAME_ID;
    if (type !== OTHER && tagged === type) this.lastId = this.value() as string;
    switch (type) {
      case TRANSITION:
        return this.transition();
      case SPACECRAFT:
        return {
          type: "spacecraft",
          at: this.number(),
          id: this.lastId,
          spacecraftId: this.string() as string,
          event: this.string() as TraceSpacecraft["event"],
          success: this.flag(),
        };
      case UPLINK:
        return {
          type: "uplink",
          at: this.number(),
          id: this.lastId,
          spacecraftId: this.string() as string,
        };
      case SUBMIT:
        return this.submit();
      case CANCEL:
        return {
          type: "cancel",
          at: this.number(),
          id: this.lastId,
          ok: this.number() === 1,
          status: this.string() as string,
        };
      case OTHER:
        return this.value() as TraceRecord;
      default:
        throw new Error(`trace chunk: unknown record type ${type}`);
    }
  }

  private transition(): TraceTransition {
    const at = this.number();
    const id = this.lastId;
    const seq = this.number();
    const eventId = this.number();
    const from = this.string() as string | null;
    const to = this.string() as string;
    const reason = this.string() as string | null;
    const source = this.string() as TraceTransition["source"];
    const actor = this.string() as string;
    const ignored = this.number() === 1;
    const failureReason = this.string() as TraceTransition["failureReason"];
    const kind = this.string() as TraceTransition["kind"];
    const base = {
      type: "transition",
      at,
      id,
      seq,
      eventId,
      from,
      to,
      reason,
      source,
      actor,
      ignored,
      failureReason,
    } as const;
    return kind === undefined ? base : { ...base, kind };
  }

  private submit(): TraceSubmit {
    const at = this.number();
    const id = this.lastId;
    const spacecraftId = this.string() as string;
    const name = this.string() as string;
    const priority = this.number();
    const notBefore = this.instant();
    const notAfter = this.instant();
    const category = this.string();
    const base = { type: "submit", at, id, spacecraftId, name, priority, notBefore, notAfter } as const;
    return category === undefined ? base : { ...base, category: category as string };
  }

  private number(): number {
    return this.numbers[this.at++] as number;
  }

  private instant(): number | null {
    const n = this.number();
    return Number.isNaN(n) ? null : n;
  }

  private flag(): boolean | null {
    const n = this.number();
    return n < 0 ? null : n === 1;
  }

  private value(): unknown {
    return this.values[this.next++];
  }

  private string(): string | null | undefined {
    const code = this.number();
    if (code >= 0) {
      if (code === this.strings.length) this.strings.push(this.value() as string);
      return this.strings[code];
    }
    if (code === NULL) return null;
    if (code === RAW) return this.value() as string;
    return undefined;
  }
}
