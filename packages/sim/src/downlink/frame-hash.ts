import { type DownlinkFrame, frameFingerprint } from "@uplink/core";

// cyrb53's two lanes, kept between the helpers below while one frame is hashed.
let h1 = 0;
let h2 = 0;
// A safe integer's decimal digits, last first.
const digits = new Uint8Array(16);

/**
 * `cyrb53(frameFingerprint(frame))`, computed over the fingerprint's characters as they would
 * be written, without writing them: the compact downlink log hashes every frame of a run, and
 * building each fingerprint string cost more than the rest of storing the frame. Frames with
 * telemetry parameters, fields of their own, or strings that JSON escapes take the written
 * fingerprint.
 *
 * @example
 * frameHash53(frame) === cyrb53(frameFingerprint(frame)); // always true
 */
export function frameHash53(frame: DownlinkFrame): number {
  const { commandId, parameters, reason, seq, spacecraftId, success, time, type } = frame;
  if (
    parameters !== undefined ||
    !plainOrAbsent(commandId) ||
    !plainOrAbsent(reason) ||
    !plainOrAbsent(spacecraftId) ||
    !plainOrAbsent(type) ||
    !(success === undefined || typeof success === "boolean") ||
    !(seq === undefined || typeof seq === "number") ||
    !(time === undefined || typeof time === "number") ||
    hasOwnFields(frame)
  ) {
    return cyrb53(frameFingerprint(frame));
  }
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  // The fingerprint is canonical JSON: the fields present, in sorted key order.
  let first = true;
  if (commandId !== undefined) {
    key('"commandId":', first);
    first = false;
    quoted(commandId);
  }
  if (reason !== undefined) {
    key('"reason":', first);
    first = false;
    quoted(reason);
  }
  if (seq !== undefined) {
    key('"seq":', first);
    first = false;
    number(seq);
  }
  if (spacecraftId !== undefined) {
    key('"spacecraftId":', first);
    first = false;
    quoted(spacecraftId);
  }
  if (success !== undefined) {
    key('"success":', first);
    first = false;
    chars(success ? "true" : "false");
  }
  if (time !== undefined) {
    key('"time":', first);
    first = false;
    number(time);
  }
  if (type !== undefined) {
    key('"type":', first);
    first = false;
    quoted(type);
  }
  if (first) char(123); // "{"
  char(125); // "}"
  return finish();
}

/** cyrb53 (bryc, public domain): a fast 53-bit string hash. */
export function cyrb53(text: string): number {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  chars(text);
  return finish();
}

const FIELDS = new Set([
  "commandId",
  "parameters",
  "reason",
  "seq",
  "spacecraftId",
  "success",
  "time",
  "type",
]);

function hasOwnFields(frame: DownlinkFrame): boolean {
  for (const name in frame) if (!FIELDS.has(name)) return true;
  return false;
}

/** Absent, or a string that JSON writes as its characters between quotes. */
function plainOrAbsent(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== "string") return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // Control characters, `"` and `\` are escaped; lone surrogates too (pairs are not, but rare).
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

function key(text: string, first: boolean): void {
  char(first ? 123 : 44); // "{" before the first field, "," before the others
  chars(text);
}

function quoted(text: string): void {
  char(34);
  chars(text);
  char(34);
}

/** A number as `${value}` writes it (null when not finite, as JSON does). */
function number(value: number): void {
  if (!Number.isSafeInteger(value)) {
    chars(Number.isFinite(value) ? `${value}` : "null");
    return;
  }
  let n = value;
  if (n < 0) {
    char(45); // "-"
    n = -n;
  }
  let count = 0;
  do {
    const digit = n % 10;
    digits[count++] = digit;
    n = (n - digit) / 10;
  } while (n > 0);
  while (count > 0) char(48 + (digits[--count] as number));
}

function chars(text: string): void {
  for (let i = 0; i < text.length; i++) char(text.charCodeAt(i));
}

function char(c: number): void {
  h1 = Math.imul(h1 ^ c, 2654435761);
  h2 = Math.imul(h2 ^ c, 1597334677);
}

function finish(): number {
  let a = h1;
  let b = h2;
  a = Math.imul(a ^ (a >>> 16), 2246822507);
  a ^= Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}
