import type { TraceRecord, TraceSink } from "./trace-record.js";

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const TWO_32 = 4_294_967_296;
const TAG_NULL = 0x6e756c6c;
const TAG_TRUE = 0x74727565;
const TAG_FALSE = 0x66616c73;
const TAG_STRING = 0x73747269;
const TAG_NUMBER = 0x6e756d62;
const TAG_RECORD = 0x7265636f;
const MEMO_SLOTS = 8192;

/**
 * A streaming 64-bit hash of trace records (two MurmurHash3-style 32-bit lanes that mix into
 * each other). It hashes values, not text: each record's values in its type's field order (as
 * declared in {@link TraceRecord}), strings by
 * UTF-16 code unit, numbers by their exact IEEE-754 bits, so equal traces (equal JSON Lines)
 * hash equal and a million-command run hashes in well under a second, where serialising every
 * record to text first would take several. Not cryptographic: it detects divergence, nothing more.
 *
 * @example
 * const hash = new TraceHasher();
 * for (const record of trace) hash.write(record);
 * hash.digest(); // "9f2c0d4e5a6b7c81"
 */
export class TraceHasher implements TraceSink {
  private h1 = 0x243f6a88;
  private h2 = 0x85a308d3;
  private count = 0;
  // The two lanes of recently hashed strings, placed by length and last four characters: ids
  // recur in the records of one command, statuses and sources in every record, so most strings
  // are found here instead of hashed again.
  private readonly memoKeys: (string | null)[] = new Array<string | null>(MEMO_SLOTS).fill(null);
  private readonly memoA = new Int32Array(MEMO_SLOTS);
  private readonly memoB = new Int32Array(MEMO_SLOTS);

  /** Records hashed so far. */
  get records(): number {
    return this.count;
  }

  write(record: TraceRecord): void {
    this.count++;
    this.word(TAG_RECORD);
    // Field by field, in each record type's declared order: several times faster than walking keys.
    switch (record.type) {
      case "transition":
        this.word(TRANSITION[0]);
        this.word(TRANSITION[1]);
        this.number(record.at);
        this.string(record.id);
        this.number(record.seq);
        this.number(record.eventId);
        this.stringOrNull(record.from);
        this.string(record.to);
        this.stringOrNull(record.reason);
        this.string(record.source);
        this.value(record.ignored);
        this.stringOrNull(record.failureReason);
        return;
      case "spacecraft":
        this.word(SPACECRAFT[0]);
        this.word(SPACECRAFT[1]);
        this.number(record.at);
        this.string(record.id);
        this.string(record.spacecraftId);
        this.string(record.event);
        this.value(record.success);
        return;
      case "uplink":
        this.word(UPLINK[0]);
        this.word(UPLINK[1]);
        this.number(record.at);
        this.string(record.id);
        this.string(record.spacecraftId);
        return;
      case "submit":
        this.word(SUBMIT[0]);
        this.word(SUBMIT[1]);
        this.number(record.at);
        this.string(record.id);
        this.string(record.spacecraftId);
        this.string(record.name);
        this.number(record.priority);
        this.value(record.notBefore);
        this.value(record.notAfter);
        return;
      default: {
        const fields = record as unknown as Record<string, unknown>;
        for (const key in fields) this.value(fields[key]);
      }
    }
  }

  /** The hash of everything written so far, as 16 hex digits. */
  digest(): string {
    let a = this.h1 ^ this.count;
    let b = this.h2 ^ Math.imul(this.count, 0x9e3779b1);
    a = fmix(a ^ (b >>> 1));
    b = fmix(b ^ (a >>> 1));
    return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
  }

  /** {@link value} for the fields that hold a string or null. */
  private stringOrNull(v: string | null): void {
    if (typeof v === "string") this.string(v);
    else this.value(v);
  }

  private value(v: unknown): void {
    switch (typeof v) {
      case "string":
        this.string(v);
        return;
      case "number":
        this.number(v);
        return;
      case "boolean":
        this.word(v ? TAG_TRUE : TAG_FALSE);
        return;
      default:
        if (v === null || v === undefined) this.word(TAG_NULL);
        else for (const item of Object.values(v as object)) this.value(item);
    }
  }

  private string(s: string): void {
    const slot = memoSlot(s);
    if (this.memoKeys[slot] === s) {
      this.word(this.memoA[slot] as number);
      this.word(this.memoB[slot] as number);
      return;
    }
    const [a, b] = lanesOf(s);
    this.memoKeys[slot] = s;
    this.memoA[slot] = a;
    this.memoB[slot] = b;
    this.word(a);
    this.word(b);
  }

  private number(n: number): void {
    this.word(TAG_NUMBER);
    if (n >>> 0 === n) {
      // The high word of a count or a sequence number: no division.
      this.word(n);
      this.word(0);
    } else if (Number.isSafeInteger(n) && n >= 0) {
      this.word(n % TWO_32);
      this.word(Math.floor(n / TWO_32));
    } else {
      scratch[0] = n;
      this.word(words[0] as number);
      this.word(words[1] as number);
    }
  }

  private word(w: number): void {
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let h1 = this.h1 ^ k;
    h1 = (h1 << 13) | (h1 >>> 19);
    this.h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    let h2 = this.h2 ^ Math.imul(k, 0x85ebca6b);
    h2 = (h2 << 17) | (h2 >>> 15);
    this.h2 = (Math.imul(h2, 9) + this.h1) | 0;
  }
}

function fmix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** The {@link TraceHasher} digest of a whole trace. */
export function hashTrace(records: Iterable<TraceRecord>): string {
  const hasher = new TraceHasher();
  for (const r of records) hasher.write(r);
  return hasher.digest();
}

/**
 * A string's two lanes: its code units mixed in a tight loop (a call per pair of characters
 * would dominate the hash's cost), then written as two words.
 */
function lanesOf(s: string): [number, number] {
  let a = TAG_STRING ^ s.length;
  let b = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x5bd1e995);
    a ^= a >>> 15;
    b = Math.imul(b ^ c, 0x27d4eb2d);
    b ^= b >>> 13;
  }
  return [a, b];
}

// The record types hashed by name in every record of theirs.
const TRANSITION = lanesOf("transition");
const SPACECRAFT = lanesOf("spacecraft");
const UPLINK = lanesOf("uplink");
const SUBMIT = lanesOf("submit");

function memoSlot(s: string): number {
  const n = s.length;
  if (n < 4) return n;
  const h = (((n * 31 + s.charCodeAt(n - 1)) * 31 + s.charCodeAt(n - 2)) * 31 + s.charCodeAt(n - 3)) * 31;
  return (h + s.charCodeAt(n - 4)) & (MEMO_SLOTS - 1);
}
