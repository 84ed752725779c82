/**
 * What JSON from outside may hold before it goes anywhere near storage or a recursive
 * function: one rule for every edge (request bodies, query parameters, headers) and for core.
 */

/**
 * The deepest nesting of arrays and objects accepted in input: a top-level object or array is
 * level 1. Serialisers (`JSON.stringify`, the database drivers) recurse, and about 5 000 levels
 * fit in 64 KiB; well-formed commands and frames need a handful.
 */
export const MAX_JSON_DEPTH = 64;

/** What makes a text unstorable: a NUL, or a UTF-16 surrogate without its partner. */
export type TextFault = "nul" | "surrogate";

/** The first fault found in a JSON value, and the field it is in (`args.mode`, `[3].reason`). */
export interface JsonFault {
  /** The path to the faulty value (`""` for the value itself). */
  readonly field: string;
  /** `text` (a string or key that cannot be stored) or `max_depth`. */
  readonly rule: "text" | "max_depth";
  readonly message: string;
}

/**
 * Whether a text can be stored as it is: PostgreSQL refuses NUL in `text` and `jsonb`, and
 * an unpaired surrogate is no Unicode character at all (it has no UTF-8 encoding).
 *
 * @example
 * textFault("ok 🚀"); // null
 * textFault("\ud800"); // "surrogate"
 */
export function textFault(text: string): TextFault | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return "nul";
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return "surrogate";
    i++;
  }
  return null;
}

/** What {@link findJsonFault} looks for besides nesting. */
export interface JsonFaultOptions {
  /** Strings and keys that cannot be stored (default true); false checks nesting only. */
  readonly text?: boolean;
}

/** One array or object being walked: its keys (null for an array) and the next entry. */
interface Frame {
  readonly container: object;
  readonly keys: readonly string[] | null;
  readonly length: number;
  index: number;
}

function frameOf(container: object): Frame {
  if (Array.isArray(container)) return { container, keys: null, length: container.length, index: 0 };
  const keys = Object.keys(container);
  return { container, keys, length: keys.length, index: 0 };
}

/**
 * The first string or key that cannot be stored ({@link textFault}), or the first array or
 * object nested deeper than {@link MAX_JSON_DEPTH}, in document order; null when there is none.
 * The walk is iterative, so that no input can exhaust the stack. Fields are named from `root`
 * (`root.key`, `root[2]`); a key that names a field is shown with its bad characters as U+FFFD.
 * With `{ text: false }` only nesting is checked.
 *
 * @example
 * findJsonFault({ name: "X", args: { a: "\u0000" } }); // { field: "args.a", rule: "text", … }
 * findJsonFault([frame, { reason: "\ud800" }]); // { field: "[1].reason", rule: "text", … }
 */
export function findJsonFault(value: unknown, root = "", options: JsonFaultOptions = {}): JsonFault | null {
  const text = options.text ?? true;
  if (typeof value === "string") return text ? textProblem(root, textFault(value), false) : null;
  if (value === null || typeof value !== "object") return null;
  const frames: Frame[] = [frameOf(value)];
  while (frames.length > 0) {
    const top = frames[frames.length - 1] as Frame;
    if (top.index === top.length) {
      frames.pop();
      continue;
    }
    const index = top.index++;
    let child: unknown;
    if (top.keys === null) {
      child = (top.container as readonly unknown[])[index];
    } else {
      const key = top.keys[index] as string;
      const bad = text ? textFault(key) : null;
      if (bad !== null) return textProblem(pathOf(frames, root), bad, true);
      child = (top.container as Record<string, unknown>)[key];
    }
    if (typeof child === "string") {
      const bad = text ? textFault(child) : null;
      if (bad !== null) return textProblem(pathOf(frames, root), bad, false);
    } else if (child !== null && typeof child === "object") {
      if (frames.length >= MAX_JSON_DEPTH) {
        return {
          field: pathOf(frames, root),
          rule: "max_depth",
          message: `is nested too deep: JSON may nest arrays and objects at most ${MAX_JSON_DEPTH} levels`,
        };
      }
      frames.push(frameOf(child));
    }
  }
  return null;
}

const TEXT_FAULTS: Readonly<Record<TextFault, string>> = {
  nul: "NUL (U+0000)",
  surrogate: "an unpaired UTF-16 surrogate (not valid Unicode)",
};

function textProblem(field: string, fault: TextFault | null, inKey: boolean): JsonFault | null {
  if (fault === null) return null;
  const message = inKey
    ? `has a name that contains ${TEXT_FAULTS[fault]}`
    : `must not contain ${TEXT_FAULTS[fault]}`;
  return { field, rule: "text", message };
}

/** The longest field name reported; a longer path (long keys, deep nesting) is cut, ending in `…`. */
const MAX_FIELD_LENGTH = 256;

/** The path to the entry each frame is at, e.g. `args.list[2]`. */
function pathOf(frames: readonly Frame[], root: string): string {
  let path = root;
  for (const frame of frames) {
    if (path.length > MAX_FIELD_LENGTH) break;
    const index = frame.index - 1;
    if (frame.keys === null) path += `[${index}]`;
    else {
      const key = printable(frame.keys[index] as string);
      path = path === "" ? key : `${path}.${key}`;
    }
  }
  if (path.length <= MAX_FIELD_LENGTH) return path;
  // Cut before a surrogate pair rather than through it.
  const cut =
    path.charCodeAt(MAX_FIELD_LENGTH - 2) >= 0xd800 && path.charCodeAt(MAX_FIELD_LENGTH - 2) <= 0xdbff;
  return `${path.slice(0, MAX_FIELD_LENGTH - (cut ? 2 : 1))}…`;
}

/** A key as a field name: NUL and unpaired surrogates become U+FFFD, so the name itself can be sent. */
function printable(key: string): string {
  if (textFault(key) === null) return key;
  let out = "";
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const next = key.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += key.slice(i, i + 2);
      i++;
    } else out += c === 0 || (c >= 0xd800 && c <= 0xdfff) ? "\ufffd" : key[i];
  }
  return out;
}
