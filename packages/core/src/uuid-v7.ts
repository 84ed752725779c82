import type { Random } from "./ports/random.js";
import type { Instant } from "./types.js";

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

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
  // One flat string: a chain of `+` would leave a rope that every map lookup must flatten first.
  return [
    hex3(high),
    HEX[(low >>> 16) & 0xff],
    "-",
    HEX[(low >>> 8) & 0xff],
    HEX[low & 0xff],
    "-",
    HEX[0x70 | ((r1 >>> 16) & 0x0f)],
    HEX[(r1 >>> 8) & 0xff],
    "-",
    HEX[0x80 | (r1 & 0x3f)],
    HEX[(r2 >>> 16) & 0xff],
    "-",
    HEX[(r2 >>> 8) & 0xff],
    HEX[r2 & 0xff],
    hex3(r3),
    HEX[r4 & 0xff],
  ].join("");
}

function hex3(n: number): string {
  return (HEX[(n >>> 16) & 0xff] as string) + HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID of any version (ids in URLs are checked with it). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
