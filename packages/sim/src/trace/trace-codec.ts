import type { TransitionEvent } from "@uplink/core";
import type {
  TraceCancel,
  TraceRecord,
  TraceSink,
  TraceSpacecraft,
  TraceSubmit,
  TraceTransition,
} from "./trace-record.js";

/**
 * A run of trace records in a form another thread can take over at little cost: numbers, and
 * the command ids' characters, in typed arrays whose buffers are transferred, not copied; the
 * other strings and the rare records in a plain array beside them, in the order the numbers
 * refer to them.
 */
export interface TraceChunk {
  readonly records: number;
  readonly numbers: Float64Array;
  /** How many of {@link numbers} are used. */
  readonly used: number;
  /** Each new command id: its length in one byte, then its characters (Latin-1), or {@link ID_IN_VALUES}. */
  readonly ids: Uint8Array;
  readonly values: unknown[];
}

/** Where a chunk is written: its numbers and its ids' bytes, each as large as asked. */
export type ChunkMemory = (numbers: number, idBytes: number) => { numbers: Float64Array; ids: Uint8Array };

/** New memory for every chunk, which the chunk then owns (copied or transferred with it). */
export const freshChunkMemory: ChunkMemory = (numbers, idBytes) => ({
  numbers: new Float64Array(numbers),
  ids: new Uint8Array(idBytes),
});

/**
 * `slots` chunks' worth of shared memory, handed out in turn: a chunk posted with views on it
 * crosses to another thread without a copy or a transfer (posting a chunk with new buffers to
 * transfer blocked a million-command run's thread about 2 ms each time). The caller must not let the writer
 * come back to a slot before the reader is done with it: at most `slots - 1` chunks written and
 * not yet read, counting the one being written.
 */
export function sharedChunkMemory(slots: number): ChunkMemory {
  let numbersOf: Float64Array[] = [];
  let idsOf: Uint8Array[] = [];
  let next = 0;
  return (numbers, idBytes) => {
    if (numbersOf.length === 0) {
      const n = new SharedArrayBuffer(slots * numbers * Float64Array.BYTES_PER_ELEMENT);
      const b = new SharedArrayBuffer(slots * idBytes);
      numbersOf = Array.from({ length: slots }, (_, i) => new Float64Array(n, i * numbers * 8, numbers));
      idsOf = Array.from({ length: slots }, (_, i) => new Uint8Array(b, i * idBytes, idBytes));
    }
    const slot = next;
    next = (next + 1) % slots;
    return { numbers: numbersOf[slot] as Float64Array, ids: idsOf[slot] as Uint8Array };
  };
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

/** An id too long or not Latin-1 travels with the values; its length byte says so. */
const ID_IN_VALUES = 255;
/** Bytes of ids a chunk holds: room for ten thousand UUIDs. */
const ID_BYTES = 370_000;

/** Enough numbers for any one record of a frequent type. */
const MAX_RECORD_NUMBERS = 16;
/** Statuses, sources, actors, reasons and names recur; past this many, strings travel as they are. */
const MAX_CODES = 65_536;

/**
 * Writes trace records into {@link TraceChunk}s and hands each full one to `deliver`.
 * Command ids travel as their characters (a table of a million of them would cost more than
 * it saves, and copying a string through a structured clone costs several times more than its
 * bytes); every other string gets a code the first time it is seen.
 *
 * @example
 * const writer = new TraceChunkWriter((chunk) => worker.postMessage(chunk), { memory: sharedChunkMemory(10) });
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
  private ids: Uint8Array;
  private idBytes = 0;

  private readonly capacity: number;
  private readonly maxCodes: number;
  private readonly memory: ChunkMemory;

  /**
   * @param options.capacity numbers a chunk holds (default 131 072, about 12 000 records)
   * @param options.maxCodes strings given a code before the rest travel as they are (default 65 536)
   * @param options.memory where each chunk is written (default {@link freshChunkMemory})
   */
  constructor(
    private readonly deliver: (chunk: TraceChunk) => void,
    options: { readonly capacity?: number; readonly maxCodes?: number; readonly memory?: ChunkMemory } = {},
  ) {
    this.capacity = Math.max(options.capacity ?? 131_072, MAX_RECORD_NUMBERS);
    this.maxCodes = options.maxCodes ?? MAX_CODES;
    this.memory = options.memory ?? freshChunkMemory;
    ({ numbers: this.numbers, ids: this.ids } = this.memory(this.capacity, ID_BYTES));
  }

  write(r: TraceRecord): void {
    this.reserve();
    switch (r.type) {
      case "transition":
        this.transitionOf(
          r.at,
          r.id,
          r.seq,
          r.eventId,
          r.from,
          r.to,
          r.reason,
          r.source,
          r.actor,
          r.ignored,
          r.failureReason,
          r.kind,
        );
        return;
      case "spacecraft":
        this.spacecraftOf(r.at, r.id, r.spacecraftId, r.event, r.success);
        return;
      case "uplink":
        this.uplinkOf(r.at, r.id, r.spacecraftId);
        return;
      case "submit":
        this.submitOf(r.at, r.id, r.spacecraftId, r.name, r.priority, r.notBefore, r.notAfter, r.category);
        return;
      case "cancel":
        this.cancel(r);
        return;
      default:
        this.numbers[this.used++] = OTHER;
        this.values.push(r);
    }
  }

  /** Delivers what has been written since the last chunk, if anything. */
  flush(): void {
    if (this.records === 0) return;
    const chunk: TraceChunk = {
      records: this.records,
      numbers: this.numbers,
      used: this.used,
      ids: this.ids.subarray(0, this.idBytes),
      values: this.values,
    };
    ({ numbers: this.numbers, ids: this.ids } = this.memory(this.capacity, ID_BYTES));
    this.used = 0;
    this.idBytes = 0;
    this.values = [];
    this.records = 0;
    this.deliver(chunk);
  }

  /**
   * The records a published transition makes (its submission's, when it is the first entry,
   * then the entry's), written from the event's parts: what {@link traceTransitions} writes, with
   * no record object made for it. The simulator's busiest records come this way.
   */
  writeTransitionEvent({ command, entry }: TransitionEvent): void {
    if (entry.from === null) {
      this.reserve();
      this.submitOf(
        entry.at,
        command.id,
        command.spacecraftId,
        command.name,
        command.priority,
        command.notBefore,
        command.notAfter,
        command.profile === null ? undefined : command.profile.category,
      );
    }
    this.reserve();
    this.transitionOf(
      entry.at,
      entry.commandId,
      entry.seq,
      entry.eventId,
      entry.from,
      entry.to,
      entry.reason,
      entry.source,
      entry.actor,
      entry.ignored,
      command.failureReason,
      entry.kind === "transition" ? undefined : entry.kind,
    );
  }

  /** A spacecraft's record, from its parts (see {@link writeTransitionEvent}). */
  writeSpacecraft(
    at: number,
    id: string,
    spacecraftId: string,
    event: TraceSpacecraft["event"],
    success: boolean | null,
  ): void {
    this.reserve();
    this.spacecraftOf(at, id, spacecraftId, event, success);
  }

  /** An uplink's record, from its parts (see {@link writeTransitionEvent}). */
  writeUplink(at: number, id: string, spacecraftId: string): void {
    this.reserve();
    this.uplinkOf(at, id, spacecraftId);
  }

  /** Room for one more record. */
  private reserve(): void {
    if (this.used + MAX_RECORD_NUMBERS > this.capacity || this.idBytes + 256 > ID_BYTES) this.flush();
    this.records++;
  }

  private transitionOf(
    at: number,
    id: string,
    seq: number,
    eventId: number,
    from: string | null,
    to: string,
    reason: string | null,
    source: string,
    actor: string,
    ignored: boolean,
    failureReason: string | null,
    kind: string | undefined,
  ): void {
    const n = this.numbers;
    n[this.used++] = TRANSITION + this.idFlag(id);
    n[this.used++] = at;
    n[this.used++] = seq;
    n[this.used++] = eventId;
    this.string(from);
    this.string(to);
    this.string(reason);
    this.string(source);
    this.string(actor);
    n[this.used++] = ignored ? 1 : 0;
    this.string(failureReason);
    this.string(kind);
  }

  private spacecraftOf(
    at: number,
    id: string,
    spacecraftId: string,
    event: string,
    success: boolean | null,
  ): void {
    const n = this.numbers;
    n[this.used++] = SPACECRAFT + this.idFlag(id);
    n[this.used++] = at;
    this.string(spacecraftId);
    this.string(event);
    n[this.used++] = success === null ? -1 : success ? 1 : 0;
  }

  private uplinkOf(at: number, id: string, spacecraftId: string): void {
    const n = this.numbers;
    n[this.used++] = UPLINK + this.idFlag(id);
    n[this.used++] = at;
    this.string(spacecraftId);
  }

  private submitOf(
    at: number,
    id: string,
    spacecraftId: string,
    name: string,
    priority: number,
    notBefore: number | null,
    notAfter: number | null,
    category: string | undefined,
  ): void {
    const n = this.numbers;
    n[this.used++] = SUBMIT + this.idFlag(id);
    n[this.used++] = at;
    this.string(spacecraftId);
    this.string(name);
    n[this.used++] = priority;
    // No instant is NaN, so NaN can stand for null.
    n[this.used++] = notBefore ?? Number.NaN;
    n[this.used++] = notAfter ?? Number.NaN;
    this.string(category);
  }

  private cancel(r: TraceCancel): void {
    const n = this.numbers;
    n[this.used++] = CANCEL + this.idFlag(r.id);
    n[this.used++] = r.at;
    n[this.used++] = r.ok ? 1 : 0;
    this.string(r.status);
  }

  /** {@link SAME_ID} when `id` is the previous record's; otherwise 0, and the id goes with the chunk's ids. */
  private idFlag(id: string): number {
    if (id === this.lastId) return SAME_ID;
    this.lastId = id;
    const bytes = this.ids;
    const at = this.idBytes;
    const n = id.length;
    if (n < ID_IN_VALUES) {
      let i = 0;
      for (; i < n; i++) {
        const c = id.charCodeAt(i);
        if (c > 0xff) break;
        bytes[at + 1 + i] = c;
      }
      if (i === n) {
        bytes[at] = n;
        this.idBytes = at + 1 + n;
        return 0;
      }
    }
    bytes[at] = ID_IN_VALUES;
    this.idBytes = at + 1;
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
  private ids: Buffer = Buffer.alloc(0);
  private idAt = 0;

  constructor(private readonly sink: TraceSink) {}

  read(chunk: TraceChunk): void {
    this.numbers = chunk.numbers;
    this.values = chunk.values;
    this.ids = Buffer.from(chunk.ids.buffer, chunk.ids.byteOffset, chunk.ids.byteLength);
    this.at = 0;
    this.next = 0;
    this.idAt = 0;
    const sink = this.sink;
    while (this.at < chunk.used) sink.write(this.record());
  }

  private record(): TraceRecord {
    const tagged = this.number();
    const type = tagged & ~SAME_ID;
    if (type !== OTHER && tagged === type) this.lastId = this.id();
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

  private id(): string {
    const n = this.ids[this.idAt] as number;
    if (n === ID_IN_VALUES) {
      this.idAt++;
      return this.value() as string;
    }
    const from = this.idAt + 1;
    this.idAt = from + n;
    return this.ids.toString("latin1", from, from + n);
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
