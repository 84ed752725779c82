import { type DownlinkFrame, frameFingerprint } from "@uplink/core";
import { fmix32 } from "../hashing/fmix32.js";

/** The two 32-bit lanes of the hash under way (fields of one object: helpers share them). */
const lanes = { a: 0, b: 0 };

const TWO_32 = 4_294_967_296;
// One word per field, mixed in before its value: fields absent leave nothing.
const TAG_COMMAND_ID = 0x636f6d6d;
const TAG_REASON = 0x72656173;
const TAG_SEQ = 0x73657120;
const TAG_SPACECRAFT_ID = 0x73706163;
const TAG_SUCCESS = 0x73756363;
const TAG_TIME = 0x74696d65;
const TAG_TYPE = 0x74797065;

/**
 * A 53-bit hash of a frame's fingerprint (`frameFingerprint`, its canonical JSON): equal
 * fingerprints hash equal, and different ones collide about once in 2⁵³. For the frames SPEC §3
 * defines it hashes the values the fingerprint is written from, two characters or one integer
 * a word, without writing the fingerprint: the compact downlink log hashes every frame of a
 * run, and writing then hashing each fingerprint character by character cost four times as
 * much. It takes that path only for frames whose fingerprint shows it could (no parameters, no
 * fields of their own, strings JSON writes as they are, whole numbers, booleans), so two frames
 * with equal fingerprints always take the same path; the others hash their written
 * fingerprint with cyrb53.
 *
 * @example
 * frameHash53(a) === frameHash53(b); // true when frameFingerprint(a) === frameFingerprint(b)
 */
export function frameHash53(frame: DownlinkFrame): number {
  const { commandId, parameters, reason, seq, spacecraftId, success, time, type } = frame;
  if (parameters !== undefined || hasFieldsOfItsOwn(frame)) return cyrb53(frameFingerprint(frame));
  lanes.a = 0x243f6a88;
  lanes.b = 0x85a308d3;
  // In the fingerprint's (sorted) key order; a value the fast path cannot take sends the frame
  // to the written fingerprint.
  if (commandId !== undefined && !text(TAG_COMMAND_ID, commandId)) return cyrb53(frameFingerprint(frame));
  if (reason !== undefined && !text(TAG_REASON, reason)) return cyrb53(frameFingerprint(frame));
  if (seq !== undefined && !integer(TAG_SEQ, seq)) return cyrb53(frameFingerprint(frame));
  if (spacecraftId !== undefined && !text(TAG_SPACECRAFT_ID, spacecraftId))
    return cyrb53(frameFingerprint(frame));
  if (success !== undefined) {
    if (typeof success !== "boolean") return cyrb53(frameFingerprint(frame));
    word(TAG_SUCCESS);
    word(success ? 1 : 0);
  }
  if (time !== undefined && !integer(TAG_TIME, time)) return cyrb53(frameFingerprint(frame));
  if (type !== undefined && !text(TAG_TYPE, type)) return cyrb53(frameFingerprint(frame));
  let a = lanes.a;
  let b = lanes.b;
  a = fmix32(a ^ Math.imul(b, 0x9e3779b1));
  b = fmix32(b ^ a);
  return TWO_32 * (b & 0x1fffff) + (a >>> 0);
}

/** Whether a frame has a defined field other than SPEC §3's (its fingerprint then shows it). */
function hasFieldsOfItsOwn(frame: DownlinkFrame): boolean {
  for (const name in frame) {
    if (!isFrameField(name) && (frame as unknown as Record<string, unknown>)[name] !== undefined) return true;
  }
  return false;
}

/** Whether a key is one of the frame fields SPEC §3 defines (a switch: cheaper than a set lookup per key). */
function isFrameField(name: string): boolean {
  switch (name) {
    case "commandId":
    case "parameters":
    case "reason":
    case "seq":
    case "spacecraftId":
    case "success":
    case "time":
    case "type":
      return true;
    default:
      return false;
  }
}

/**
 * A string field, by length and two code units a word; false for a value JSON writes otherwise.
 * The words are mixed as {@link word} mixes them, with the lanes in locals and stored once: a
 * store to the shared lanes per word was most of the cost of hashing an id.
 */
function text(tag: number, value: unknown): boolean {
  if (typeof value !== "string") return false;
  const n = value.length;
  word(tag);
  word(n);
  let a = lanes.a;
  let b = lanes.b;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const c = value.charCodeAt(i);
    const d = value.charCodeAt(i + 1);
    if (escaped(c) || escaped(d)) return false;
    const w = c | (d << 16);
    a = Math.imul(a ^ w, 0x9e3779b1);
    a ^= a >>> 15;
    b = Math.imul(b ^ w, 0x85ebca6b);
    b ^= b >>> 13;
  }
  lanes.a = a;
  lanes.b = b;
  if (i < n) {
    const c = value.charCodeAt(i);
    if (escaped(c)) return false;
    word(c);
  }
  return true;
}

/** Control characters, `"` and `\` are escaped by JSON, lone surrogates too (pairs are not, but are rare). */
function escaped(c: number): boolean {
  return c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff);
}

/** A number field that is a safe integer (as its sign, low and high words); false for any other number. */
function integer(tag: number, value: unknown): boolean {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) return false;
  // -0 is written 0, as JSON writes it.
  const magnitude = value < 0 ? -value : value === 0 ? 0 : value;
  const low = magnitude >>> 0;
  word(tag);
  word(value < 0 ? 1 : 0);
  word(low);
  word((magnitude - low) / TWO_32);
  return true;
}

function word(w: number): void {
  let a = Math.imul(lanes.a ^ w, 0x9e3779b1);
  a ^= a >>> 15;
  lanes.a = a;
  let b = Math.imul(lanes.b ^ w, 0x85ebca6b);
  b ^= b >>> 13;
  lanes.b = b;
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
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
