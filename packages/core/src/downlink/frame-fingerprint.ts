import { canonicalJson } from "../canonical-json.js";
import type { DownlinkFrame } from "../types.js";

// The frame fields in canonicalJson's (sorted) key order.
const FIELDS = [
  "commandId",
  "parameters",
  "reason",
  "seq",
  "spacecraftId",
  "success",
  "time",
  "type",
] as const;
const KNOWN: ReadonlySet<string> = new Set(FIELDS);

/**
 * The fingerprint a frame is stored with in the {@link DownlinkLog}: exactly
 * `canonicalJson(frame)` (a property test proves it), written out field by field for the frames
 * SPEC §3 defines, because the downlink's fast path fingerprints every frame and the generic
 * encoder's sorting and allocations cost more than all the rest of it. Frames with fields of
 * their own take the generic path.
 *
 * @example
 * frameFingerprint(frame) === canonicalJson(frame); // always true
 */
export function frameFingerprint(frame: DownlinkFrame): string {
  for (const key in frame) {
    if (!KNOWN.has(key)) return canonicalJson(frame);
  }
  let out = "";
  for (const field of FIELDS) {
    const value = frame[field];
    if (value === undefined) continue;
    out += `${out ? "," : "{"}"${field}":${encode(value)}`;
  }
  return out ? `${out}}` : "{}";
}

function encode(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? `${value}` : "null";
    case "boolean":
      return value ? "true" : "false";
    default:
      return value !== null && typeof value === "object" && !Array.isArray(value)
        ? flatObject(value as Record<string, unknown>)
        : canonicalJson(value);
  }
}

/** canonicalJson of an object, sorting only when its keys are not in order already. */
function flatObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      keys.sort();
      break;
    }
  }
  let out = "";
  for (const key of keys) {
    const value = object[key];
    if (value === undefined) continue;
    out += `${out ? "," : "{"}${JSON.stringify(key)}:${encode(value)}`;
  }
  return out ? `${out}}` : "{}";
}
