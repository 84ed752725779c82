import type { Random } from "./ports/random.js";
import type { Instant } from "./types.js";

const HEX_DIGITS: readonly number[] = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const DASH = 0x2d;
/** The id's 36 character codes, refilled by every call (ids are made one at a time). */
const codes: number[] = Array.from({ length: 36 }, () => DASH);

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits from the given port,
 * so that ids sort by creation time and a seeded run makes the same ids.
 */
export function uuidV7(at: Instant, random: Random): string {
  const ms = Math.max(0, Math.floor(at));
  const high = Math.floor(ms / 0x1000000); // top 24 bits of the 48-bit timestamp
  const low = ms % 0x1000000;
  // Three draws of 24 bits and one of 8 (random.next() carries at least 32 bits).
  const r1 = Math.floor(random.next() * 0x1000000);
  const r2 = Math.floor(random.next() * 0x1000000);
  const r3 = Math.floor(random.next() * 0x1000000);
  const r4 = Math.floor(random.next() * 0x100);
  putHex(0, high, 6);
  putHex(6, low >>> 16, 2);
  putHex(9, low, 4);
  putHex(14, 0x70 | ((r1 >>> 16) & 0x0f), 2);
  putHex(16, r1 >>> 8, 2);
  putHex(19, 0x80 | (r1 & 0x3f), 2);
  putHex(21, r2 >>> 16, 2);
  putHex(24, r2, 4);
  putHex(28, r3, 6);
  putHex(34, r4, 2);
  // One flat string in one step: pieces joined by `+` would leave a rope that every map lookup
  // must flatten first, and an array of pieces to join cost an allocation per piece.
  return String.fromCharCode.apply(null, codes);
}

/** Writes the low `digits` hex digits of `value` at `from`. */
function putHex(from: number, value: number, digits: number): void {
  for (let i = digits - 1, v = value; i >= 0; i--, v >>>= 4) codes[from + i] = HEX_DIGITS[v & 0xf] as number;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID of any version (ids in URLs are checked with it). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
