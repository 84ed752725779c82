import { fmix32 } from "../hashing/fmix32.js";
import type { TraceRecord, TraceSink } from "./trace-record.js";

const scratch = new Float64Array(1);
const bits = new Uint32Array(scratch.buffer);
const TWO_32 = 4_294_967_296;
/** The high word of every integer in 0 … 2^53 is below this; other numbers mark theirs with it. */
const WIDE = 0x200000;
const TAG_NULL = 0x6e756c6c;
const TAG_TRUE = 0x74727565;
const TAG_FALSE = 0x66616c73;
const TAG_STRING = 0x73747269;
const TAG_NUMBER = 0x6e756d62;
const TAG_OBJECT = 0x6f626a65;
const TAG_RECORD = 0x7265636f;
const MEMO_SLOTS = 32_768;

/**
 * A streaming 64-bit hash of trace records: two independent 32-bit lanes in MurmurHash3's
 * style over the same words, mixed into each other only by {@link digest}, so that a CPU
 * runs both at once. It hashes values, not text: each record's values in its type's field
 * order (as declared in {@link TraceRecord}), strings by UTF-16 code unit (one word each),
 * integers by value and other numbers by their exact IEEE-754 bits, so equal traces (equal JSON Lines) hash
 * equal. Fields whose type the record type fixes (a transition's `at` is always a number) carry
 * no type tag; nullable and free-form ones do. A million-command run writes eight million
 * records, so this is on the simulator's hot path; serialising each record to text first would
 * take several times longer. Not cryptographic: it detects divergence, nothing more.
 *
 * @example
 * const hash = new TraceHasher();
 * for (const record of trace) hash.write(record);
 * hash.digest(); // "9f2c0d4e5a6b7c81"
 */
export class TraceHasher implements TraceSink {
  private a = 0x243f6a88;
  private b = 0x85a308d3;
  private count = 0;
  // The words of recently hashed strings, placed by length and last four characters: ids
  // recur in the records of one command, statuses and sources in every record, so most strings
  // are found here instead of hashed again.
  private readonly memoKeys: (string | null)[] = new Array<string | null>(MEMO_SLOTS).fill(null);
  private readonly memoWords = new Int32Array(MEMO_SLOTS);
  // A command's records often come one after another (submit and its first entry; the
  // transmission, the uplink and the reception), so the last id is checked first, by reference.
  private lastId: string | null = null;
  private lastIdWord = 0;

  /** Records hashed so far. */
  get records(): number {
    return this.count;
  }

  write(record: TraceRecord): void {
    this.count++;
    // Field by field, in each record type's declared order: several times faster than walking keys.
    switch (record.type) {
      case "transition":
        this.word(TYPE_TRANSITION);
        this.number(record.at);
        this.id(record.id);
        this.count32(record.seq);
        this.count32(record.eventId);
        this.stringOrNull(record.from);
        this.string(record.to);
        this.stringOrNull(record.reason);
        this.string(record.source);
        this.string(record.actor);
        this.word(record.ignored ? TAG_TRUE : TAG_FALSE);
        this.stringOrNull(record.failureReason);
        // Only entries that are not transitions carry a kind: runs without them hash as before.
        if (record.kind !== undefined) this.string(record.kind);
        return;
      case "spacecraft":
        this.word(TYPE_SPACECRAFT);
        this.number(record.at);
        this.id(record.id);
        this.string(record.spacecraftId);
        this.string(record.event);
        this.word(record.success === null ? TAG_NULL : record.success ? TAG_TRUE : TAG_FALSE);
        return;
      case "uplink":
        this.word(TYPE_UPLINK);
        this.number(record.at);
        this.id(record.id);
        this.string(record.spacecraftId);
        return;
      case "submit":
        this.word(TYPE_SUBMIT);
        this.number(record.at);
        this.id(record.id);
        this.string(record.spacecraftId);
        this.string(record.name);
        this.count32(record.priority);
        this.numberOrNull(record.notBefore);
        this.numberOrNull(record.notAfter);
        // Only runs with a dictionary have one: the others' hashes stay as they were.
        if (record.category !== undefined) this.string(record.category);
        return;
      default: {
        // Rare records (header, windows, cancels, end), and any a caller's own code writes:
        // every value tagged, keys in their order.
        this.word(TAG_RECORD);
        const fields = record as unknown as Record<string, unknown>;
        for (const key in fields) this.value(fields[key]);
      }
    }
  }

  /** The hash of everything written so far, as 16 hex digits. */
  digest(): string {
    let a = this.a ^ this.count;
    let b = this.b ^ Math.imul(this.count, 0x9e3779b1);
    a = fmix32(a ^ (b >>> 1));
    b = fmix32(b ^ a);
    return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
  }

  // A nullable field's value is tagged unless it has its declared type.
  private stringOrNull(v: string | null): void {
    if (typeof v === "string") this.string(v);
    else this.value(v);
  }

  private numberOrNull(v: number | null): void {
    if (typeof v === "number") this.number(v);
    else this.value(v);
  }

  private value(v: unknown): void {
    switch (typeof v) {
      case "string":
        this.word(TAG_STRING);
        this.string(v);
        return;
      case "number":
        this.word(TAG_NUMBER);
        this.number(v);
        return;
      case "boolean":
        this.word(v ? TAG_TRUE : TAG_FALSE);
        return;
      default:
        if (v === null || v === undefined) {
          this.word(TAG_NULL);
        } else {
          this.word(TAG_OBJECT);
          for (const item of Object.values(v as object)) this.value(item);
        }
    }
  }

  private id(s: string): void {
    if (s !== this.lastId) {
      // Hashed again rather than memoised: a run has a million ids, so the memo's slot and the
      // string it holds are cache misses that cost more than the 18 steps of hashing a UUID.
      this.lastIdWord = stringWord(s);
      this.lastId = s;
    }
    this.word(this.lastIdWord);
  }

  private string(s: string): void {
    this.word(this.stringWordOf(s));
  }

  private stringWordOf(s: string): number {
    const slot = memoSlot(s);
    if (this.memoKeys[slot] === s) return this.memoWords[slot] as number;
    const w = stringWord(s);
    this.memoKeys[slot] = s;
    this.memoWords[slot] = w;
    return w;
  }

  /**
   * One word for the integers that fit 32 bits (counts, sequence numbers, priorities), but
   * {@link WIDE}, which instead leads {@link number}'s words, as every other number's do.
   */
  private count32(n: number): void {
    if (n >>> 0 === n && n !== WIDE) {
      this.word(n);
    } else {
      this.word(WIDE);
      this.number(n);
    }
  }

  /**
   * Two words: an integer in 0 … 2^53 as its low and high 32 bits (the high one below
   * {@link WIDE}); any other number as its IEEE-754 low word, then its high word's top 21 bits
   * offset by WIDE, then its low 11 bits, so the two encodings never meet.
   */
  private number(n: number): void {
    const low = n >>> 0;
    const high = (n / TWO_32) >>> 0;
    if (high < WIDE && high * TWO_32 + low === n) {
      this.word(low);
      this.word(high);
      return;
    }
    scratch[0] = n;
    const top = bits[1] as number;
    this.word(bits[0] as number);
    this.word(WIDE + (top >>> 11));
    this.word(top & 0x7ff);
  }

  private word(w: number): void {
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let a = this.a ^ k;
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let b = this.b ^ Math.imul(k, 0x85ebca6b);
    b = (b << 17) | (b >>> 15);
    this.b = (Math.imul(b, 9) + 0x38b34ae5) | 0;
  }
}

/** The {@link TraceHasher} digest of a whole trace. */
export function hashTrace(records: Iterable<TraceRecord>): string {
  const hasher = new TraceHasher();
  for (const r of records) hasher.write(r);
  return hasher.digest();
}

/**
 * A string as one 32-bit word: its code units two at a time through a multiply-xorshift
 * chain, finished with MurmurHash3's mix. Two different strings in the same field of the same
 * record collide once in four billion, which is rare enough for a divergence check and halves
 * the words each record costs.
 */
function stringWord(s: string): number {
  const n = s.length;
  let h = TAG_STRING ^ n;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x5bd1e995);
    h ^= h >>> 15;
  }
  if (i < n) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return fmix32(h);
}

// Each record type hashed in its own way starts with its own word.
const TYPE_TRANSITION = stringWord("transition");
const TYPE_SPACECRAFT = stringWord("spacecraft");
const TYPE_UPLINK = stringWord("uplink");
const TYPE_SUBMIT = stringWord("submit");

function memoSlot(s: string): number {
  const n = s.length;
  if (n < 4) return n;
  const h = (((n * 31 + s.charCodeAt(n - 1)) * 31 + s.charCodeAt(n - 2)) * 31 + s.charCodeAt(n - 3)) * 31;
  return (h + s.charCodeAt(n - 4)) & (MEMO_SLOTS - 1);
}
