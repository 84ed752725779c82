/** One array or object being written: its entries and the next one to write. */
interface Frame {
  readonly keys: readonly string[] | null;
  readonly values: readonly unknown[];
  index: number;
}

/**
 * JSON with object keys sorted at every depth, so that two equal values always serialise the
 * same way (idempotency fingerprints, frame conflict detection, trace hashes). Entries whose
 * value is `undefined` are left out of objects; anything else that is not JSON is written as
 * `JSON.stringify` writes it alone (`undefined` and functions as `null`). Iterative: no input,
 * however deeply nested, can exhaust the stack.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, { d: null, c: "x" }] }); // '{"a":[true,{"c":"x","d":null}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return leaf(value);
  let out = "";
  const frames: Frame[] = [];
  out += open(value, frames);
  while (frames.length > 0) {
    const top = frames[frames.length - 1] as Frame;
    if (top.index === top.values.length) {
      out += top.keys === null ? "]" : "}";
      frames.pop();
      continue;
    }
    const index = top.index++;
    if (index > 0) out += ",";
    if (top.keys !== null) out += `${JSON.stringify(top.keys[index])}:`;
    const child = top.values[index];
    out += child === null || typeof child !== "object" ? leaf(child) : open(child, frames);
  }
  return out;
}

function leaf(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}

/** Pushes the frame of an array or object and returns its opening bracket. */
function open(container: object, frames: Frame[]): string {
  if (Array.isArray(container)) {
    frames.push({ keys: null, values: container, index: 0 });
    return "[";
  }
  const entries = Object.entries(container as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  frames.push({ keys: entries.map(([k]) => k), values: entries.map(([, v]) => v), index: 0 });
  return "{";
}
