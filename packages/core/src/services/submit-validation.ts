import { ValidationError } from "../errors.js";
import { findJsonFault, MAX_JSON_DEPTH } from "../json-faults.js";
import { type CommandArgs, DEFAULT_SPACECRAFT_ID, type Instant, type SubmitRequest } from "../types.js";

/** SPEC §5: a command name. */
export const COMMAND_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** A spacecraft id: the same shape as a name, digits allowed first. */
export const SPACECRAFT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** SPEC §5: serialised `args` may not exceed 4 KiB. */
export const MAX_ARGS_BYTES = 4096;
export const MIN_PRIORITY = -1000;
export const MAX_PRIORITY = 1000;

const KNOWN_FIELDS = new Set([
  "name",
  "spacecraftId",
  "args",
  "priority",
  "notBefore",
  "notAfter",
  "approval",
]);

/** A submission after validation, with defaults applied. */
export interface ValidSubmission {
  readonly name: string;
  readonly spacecraftId: string;
  readonly args: CommandArgs;
  readonly priority: number;
  readonly notBefore: Instant | null;
  readonly notAfter: Instant | null;
  /** Present (true) only when the submitter asked for a second person's approval (SPEC §10). */
  readonly approval?: true;
}

/**
 * Checks a submission against SPEC §5's rules and applies defaults. Throws a
 * {@link ValidationError} naming the first bad field; never touches storage.
 */
export function validateSubmission(input: SubmitRequest): ValidSubmission {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ValidationError("body", "must be a JSON object", "type");
  }
  // `for in` rather than Object.keys, which builds an array per submission; inherited keys are
  // skipped as Object.keys skips them.
  for (const key in input) {
    if (!KNOWN_FIELDS.has(key) && Object.hasOwn(input, key))
      throw new ValidationError(key, "is not a known field", "unknown_field");
  }
  const { name, spacecraftId, args, priority, notBefore, notAfter, approval } = input;
  if (typeof name !== "string") throw new ValidationError("name", "is required and must be a string", "type");
  if (!COMMAND_NAME_PATTERN.test(name)) {
    throw new ValidationError("name", `must match ${COMMAND_NAME_PATTERN.source}`, "pattern");
  }
  if (
    spacecraftId !== undefined &&
    (typeof spacecraftId !== "string" || !SPACECRAFT_ID_PATTERN.test(spacecraftId))
  ) {
    throw new ValidationError(
      "spacecraftId",
      `must be a string matching ${SPACECRAFT_ID_PATTERN.source}`,
      "pattern",
    );
  }
  if (args !== undefined && (args === null || typeof args !== "object" || Array.isArray(args))) {
    throw new ValidationError("args", "must be a JSON object", "type");
  }
  if (args !== undefined && argsTooLarge(args)) {
    throw new ValidationError("args", `must be at most ${MAX_ARGS_BYTES} bytes as JSON`, "max_size");
  }
  if (
    priority !== undefined &&
    (typeof priority !== "number" ||
      !Number.isInteger(priority) ||
      priority < MIN_PRIORITY ||
      priority > MAX_PRIORITY)
  ) {
    throw new ValidationError(
      "priority",
      `must be an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}`,
      "range",
    );
  }
  checkInstant("notBefore", notBefore);
  checkInstant("notAfter", notAfter);
  if (notBefore != null && notAfter != null && notAfter < notBefore) {
    throw new ValidationError("notAfter", "must not be before notBefore", "order");
  }
  if (approval !== undefined && typeof approval !== "boolean") {
    throw new ValidationError("approval", "must be a boolean", "type");
  }
  const valid: ValidSubmission = {
    name,
    spacecraftId: spacecraftId ?? DEFAULT_SPACECRAFT_ID,
    args: args ?? {},
    priority: priority ?? 0,
    notBefore: notBefore ?? null,
    notAfter: notAfter ?? null,
  };
  // Left out when false, so that an idempotency fingerprint is what it was before the field
  // existed; and added only when true, since a spread in the literal cost an object per submission.
  return approval === true ? { ...valid, approval: true } : valid;
}

function checkInstant(field: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ValidationError(field, "must be an instant (epoch milliseconds)", "type");
  }
}

/**
 * Whether `args` serialise to more than {@link MAX_ARGS_BYTES} bytes of UTF-8 JSON. Nested args
 * deeper than {@link MAX_JSON_DEPTH} are refused before `JSON.stringify`, which recurses.
 */
function argsTooLarge(args: CommandArgs): boolean {
  const bound = flatArgsSizeBound(args);
  if (bound <= MAX_ARGS_BYTES) return false;
  const fault = findJsonFault(args, "args", { text: false });
  if (fault) throw new ValidationError("args", fault.message, fault.rule);
  return utf8Length(JSON.stringify(args)) > MAX_ARGS_BYTES;
}

/** Bytes one UTF-16 unit can take in UTF-8 JSON at most: an escape such as `\u001f`. */
const MAX_BYTES_PER_UNIT = 6;
/** The longest number JSON.stringify writes, e.g. `-1.2345678901234567e-308`. */
const MAX_NUMBER_LENGTH = 24;

/**
 * An upper bound of the UTF-8 size of `JSON.stringify(args)`, without serialising, for the
 * usual args: a plain object of numbers, booleans, nulls and strings. Anything else (nesting,
 * `toJSON`, another prototype, a bigint) gives Infinity, so that the exact size is computed,
 * and errors thrown, as before. Most commands' args are far below the limit, and serialising
 * them just to count showed in the core benchmark's profile.
 */
export function flatArgsSizeBound(args: object): number {
  const prototype = Object.getPrototypeOf(args);
  if (prototype !== Object.prototype && prototype !== null) return Number.POSITIVE_INFINITY;
  let bound = 2;
  for (const key in args) {
    if (key === "toJSON") return Number.POSITIVE_INFINITY;
    const value: unknown = (args as Record<string, unknown>)[key];
    bound += MAX_BYTES_PER_UNIT * key.length + 4; // quotes, colon, comma
    switch (typeof value) {
      case "string":
        bound += MAX_BYTES_PER_UNIT * value.length + 2;
        break;
      case "number":
        bound += MAX_NUMBER_LENGTH;
        break;
      case "boolean":
        bound += 5;
        break;
      case "undefined":
        break;
      default:
        if (value !== null) return Number.POSITIVE_INFINITY;
        bound += 4;
    }
  }
  return bound;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
