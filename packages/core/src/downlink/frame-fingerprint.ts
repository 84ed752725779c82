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
  // Unrolled in canonicalJson's (sorted) key order: the loop's keyed reads cost more than the rest.
  const parts: string[] = [];
  if (frame.commandId !== undefined) parts.push(`"commandId":${encode(frame.commandId)}`);
  if (frame.parameters !== undefined) parts.push(`"parameters":${encode(frame.parameters)}`);
  if (frame.reason !== undefined) parts.push(`"reason":${encode(frame.reason)}`);
  if (frame.seq !== undefined) parts.push(`"seq":${encode(frame.seq)}`);
  if (frame.spacecraftId !== undefined) parts.push(`"spacecraftId":${encode(frame.spacecraftId)}`);
  if (frame.success !== undefined) parts.push(`"success":${encode(frame.success)}`);
  if (frame.time !== undefined) parts.push(`"time":${encode(frame.time)}`);
  if (frame.type !== undefined) parts.push(`"type":${encode(frame.type)}`);
  return braced(parts);
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
  const parts: string[] = [];
  for (const key of keys) {
    const value = object[key];
    if (value !== undefined) parts.push(`${JSON.stringify(key)}:${encode(value)}`);
  }
  return braced(parts);
}

/**
 * `{` + the parts joined by `,` + `}` as one flat string. The log keeps every fingerprint, and
 * a string built by concatenation stays a rope of many small pieces, several times larger.
 */
function braced(parts: string[]): string {
  if (parts.length === 0) return "{}";
  parts[0] = `{${parts[0]}`;
  parts[parts.length - 1] = `${parts[parts.length - 1]}}`;
  return parts.join(",");
}
