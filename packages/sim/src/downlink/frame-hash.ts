import { type DownlinkFrame, frameFingerprint } from "@uplink/core";

const FIELDS: ReadonlySet<string> = new Set([
  "commandId",
  "parameters",
  "reason",
  "seq",
  "spacecraftId",
  "success",
  "time",
  "type",
]);

/**
 * The fingerprint's characters of one frame at a time, written as UTF-16 code units into a
 * buffer that is reused, so that no string is built. Fields on `this` rather than module
 * variables: those cost a context load and a hole check on every character.
 */
class FingerprintWriter {
  units = new Uint16Array(512);
  length = 0;
  // A safe integer's decimal digits, last first.
  private readonly digits = new Uint8Array(16);

  /** Writes the fingerprint of a plain frame; false (leaving garbage) when it needs the generic encoder. */
  write(frame: DownlinkFrame): boolean {
    const { commandId, parameters, reason, seq, spacecraftId, success, time, type } = frame;
    if (parameters !== undefined) return false;
    for (const name in frame) if (!FIELDS.has(name)) return false;
    this.length = 0;
    // Canonical JSON: the fields present, in sorted key order.
    if (commandId !== undefined && !(this.key('"commandId":') && this.quoted(commandId))) return false;
    if (reason !== undefined && !(this.key('"reason":') && this.quoted(reason))) return false;
    if (seq !== undefined && !(this.key('"seq":') && this.number(seq))) return false;
    if (spacecraftId !== undefined && !(this.key('"spacecraftId":') && this.quoted(spacecraftId)))
      return false;
    if (success !== undefined) {
      if (typeof success !== "boolean") return false;
      this.key('"success":');
      this.ascii(success ? "true" : "false");
    }
    if (time !== undefined && !(this.key('"time":') && this.number(time))) return false;
    if (type !== undefined && !(this.key('"type":') && this.quoted(type))) return false;
    if (this.length === 0) this.unit(123); // "{"
    this.unit(125); // "}"
    return true;
  }

  /** `{` before the first field, `,` before the others, then the key. */
  private key(text: string): true {
    this.unit(this.length === 0 ? 123 : 44);
    this.ascii(text);
    return true;
  }

  /** A string as JSON writes it, when that is its characters between quotes; false otherwise. */
  private quoted(value: unknown): boolean {
    if (typeof value !== "string") return false;
    const n = value.length;
    if (this.length + n + 2 > this.units.length) this.grow(n + 2);
    const units = this.units;
    let at = this.length;
    units[at++] = 34;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      // Control characters, `"` and `\` are escaped, lone surrogates too (pairs are not, but are rare).
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
      units[at++] = c;
    }
    units[at++] = 34;
    this.length = at;
    return true;
  }

  /** A number as `${value}` writes it (null when not finite, as JSON does). */
  private number(value: unknown): boolean {
    if (typeof value !== "number") return false;
    if (!Number.isSafeInteger(value)) {
      this.ascii(Number.isFinite(value) ? `${value}` : "null");
      return true;
    }
    let n = value;
    if (n < 0) {
      this.unit(45); // "-"
      n = -n;
    }
    // Below 10^9 in 32-bit integer arithmetic; above, the high digits first, then nine low ones
    // (a double's division and remainder cost several times more per digit).
    if (n >= 1e9) {
      let high = Math.floor(n / 1e9);
      // The quotient may round up to the next integer near 2^53: the remainder tells.
      if (n - high * 1e9 < 0) high--;
      this.digitsOf(high, 0);
      this.digitsOf(n - high * 1e9, 9);
    } else {
      this.digitsOf(n, 0);
    }
    return true;
  }

  /** The decimal digits of `n` (below 10^9), padded with zeros to `width`. */
  private digitsOf(n: number, width: number): void {
    const digits = this.digits;
    let rest = n | 0;
    let count = 0;
    do {
      const quotient = (rest / 10) | 0;
      digits[count++] = rest - quotient * 10;
      rest = quotient;
    } while (rest > 0 || count < width);
    if (this.length + count > this.units.length) this.grow(count);
    const units = this.units;
    let at = this.length;
    while (count > 0) units[at++] = 48 + (digits[--count] as number);
    this.length = at;
  }

  private ascii(text: string): void {
    if (this.length + text.length > this.units.length) this.grow(text.length);
    for (let i = 0; i < text.length; i++) this.units[this.length++] = text.charCodeAt(i);
  }

  private unit(c: number): void {
    if (this.length === this.units.length) this.grow(1);
    this.units[this.length++] = c;
  }

  private grow(more: number): void {
    const units = new Uint16Array(Math.max(this.units.length * 2, this.length + more));
    units.set(this.units.subarray(0, this.length));
    this.units = units;
  }
}

const writer = new FingerprintWriter();

/**
 * `cyrb53(frameFingerprint(frame))`, computed over the fingerprint's characters written into
 * a reused buffer rather than a string: the compact downlink log hashes every frame of a run,
 * and building each fingerprint string cost more than the rest of storing the frame. Frames
 * with telemetry parameters, fields of their own, or strings that JSON escapes take the
 * written fingerprint.
 *
 * @example
 * frameHash53(frame) === cyrb53(frameFingerprint(frame)); // always true
 */
export function frameHash53(frame: DownlinkFrame): number {
  if (!writer.write(frame)) return cyrb53(frameFingerprint(frame));
  const units = writer.units;
  const n = writer.length;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < n; i++) {
    const c = units[i] as number;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish(h1, h2);
}

/** cyrb53 (bryc, public domain): a fast 53-bit string hash. */
export function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish(h1, h2);
}

function finish(h1: number, h2: number): number {
  let a = h1;
  let b = h2;
  a = Math.imul(a ^ (a >>> 16), 2246822507);
  a ^= Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}
