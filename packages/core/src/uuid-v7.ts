import type { Random } from "./ports/random.js";
import type { Instant } from "./types.js";

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits from the given port, so
 * that ids sort by creation time and a seeded run makes the same ids.
 */
export function uuidV7(at: Instant, random: Random): string {
  const bytes = new Array<number>(16);
  let ms = Math.max(0, Math.floor(at));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  for (let i = 6; i < 16; i++) bytes[i] = Math.floor(random.next() * 256);
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const h = bytes.map((b) => HEX[b]);
  return `${h.slice(0, 4).join("")}-${h.slice(4, 6).join("")}-${h.slice(6, 8).join("")}-${h.slice(8, 10).join("")}-${h.slice(10).join("")}`;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID of any version (ids in URLs are checked with it). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
