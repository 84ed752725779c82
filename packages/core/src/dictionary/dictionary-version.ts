import { canonicalJson } from "../canonical-json.js";
import type { Dictionary } from "./dictionary.js";

/**
 * A dictionary's version: a 64-bit hash (two 32-bit FNV-1a style lanes with distinct seeds and
 * multipliers, folded) of its canonical JSON, as 16 hex digits. Equal content, whatever the key
 * order or whitespace of its file, has the same version, so a stored command's
 * `dictionaryVersion` names exactly the rules it was checked against.
 *
 * @example
 * dictionaryVersion(parseDictionary({ mission: "demo", commands: [] })); // 16 hex digits
 */
export function dictionaryVersion(dictionary: Dictionary): string {
  const text = canonicalJson(dictionary);
  let high = 0x811c9dc5;
  let low = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul(low ^ code, 0x5bd1e995);
    low ^= low >>> 15;
  }
  high = Math.imul(high ^ (high >>> 16), 0x85ebca6b) ^ Math.imul(low, 0xc2b2ae35);
  return hex(high) + hex(low);
}

function hex(lane: number): string {
  return (lane >>> 0).toString(16).padStart(8, "0");
}
