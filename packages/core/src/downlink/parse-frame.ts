import { parseRfc3339 } from "../contacts/rfc3339.js";
import { ValidationError } from "../errors.js";
import { SPACECRAFT_ID_PATTERN } from "../services/submit-validation.js";
import type { DownlinkFrame, Instant, TelemetryValue } from "../types.js";

/** Longest accepted `type`, `commandId` and telemetry parameter name. */
export const MAX_FRAME_TOKEN_LENGTH = 128;
/** Longest accepted failure `reason`. */
export const MAX_FRAME_REASON_LENGTH = 1024;

const COMMAND_REPORT_TYPES: ReadonlySet<string> = new Set(["acceptance", "completion"]);

/**
 * Checks one downlink frame from the wire (SPEC §3) and returns it with `time` in epoch
 * milliseconds. Throws a {@link ValidationError} whose `field` names the first bad field
 * (under `path`, e.g. `[3].seq` for the frame at index 3 of a batch):
 * - `spacecraftId`: a spacecraft id; `seq`: an integer ≥ 1; `type`: a non-empty string;
 * - `time`: an RFC 3339 date-time or epoch milliseconds; when absent, `receivedAt` is used if
 *   given, otherwise it is an error;
 * - `acceptance` / `completion`: `commandId` (string) and `success` (boolean), `reason` a string if present;
 * - `telemetry`: `parameters`, an object of numbers, strings and booleans.
 *
 * Fields beyond these are kept as they are (a mission's own frame types may need them).
 *
 * @example
 * parseFrame({ spacecraftId: "sc-1", seq: 7, time: "2030-01-01T00:00:00Z", type: "acceptance",
 *   commandId: "0190…", success: true }); // { …, time: 1893456000000 }
 */
export function parseFrame(input: unknown, receivedAt?: Instant, path = ""): DownlinkFrame {
  const fail = (field: string, message: string, rule: string): never => {
    const name = path && field ? `${path}.${field}` : path || field || "body";
    throw new ValidationError(name, message, rule);
  };
  if (!isPlainObject(input)) return fail("", "a frame must be a JSON object", "type");
  const { spacecraftId, seq, type, time } = input;
  if (spacecraftId === undefined) fail("spacecraftId", "is required", "required");
  if (typeof spacecraftId !== "string" || !SPACECRAFT_ID_PATTERN.test(spacecraftId)) {
    fail("spacecraftId", `must be a string matching ${SPACECRAFT_ID_PATTERN.source}`, "pattern");
  }
  if (seq === undefined) fail("seq", "is required", "required");
  if (typeof seq !== "number" || !Number.isSafeInteger(seq) || seq < 1) {
    fail("seq", "must be an integer ≥ 1", "range");
  }
  if (type === undefined) fail("type", "is required", "required");
  if (typeof type !== "string" || type.length === 0 || type.length > MAX_FRAME_TOKEN_LENGTH) {
    fail("type", `must be a non-empty string of at most ${MAX_FRAME_TOKEN_LENGTH} characters`, "type");
  }
  const frame: Record<string, unknown> = { ...input, time: parseTime(time, receivedAt, fail) };
  if (COMMAND_REPORT_TYPES.has(type as string)) checkReport(input, fail);
  else if (type === "telemetry") checkTelemetry(input.parameters, fail);
  return frame as unknown as DownlinkFrame;
}

/**
 * Checks a request body that holds one frame or an array of frames; fields inside an array are
 * named by index (`[2].commandId`). Nothing is returned unless every frame is valid.
 *
 * @example
 * parseFrames([frameA, frameB], clock.now()); // DownlinkFrame[]
 */
export function parseFrames(input: unknown, receivedAt?: Instant): DownlinkFrame[] {
  if (!Array.isArray(input)) return [parseFrame(input, receivedAt)];
  if (input.length === 0) throw new ValidationError("body", "must hold at least one frame", "min_items");
  return input.map((item, i) => parseFrame(item, receivedAt, `[${i}]`));
}

type Fail = (field: string, message: string, rule: string) => never;

function parseTime(time: unknown, receivedAt: Instant | undefined, fail: Fail): Instant {
  if (time === undefined || time === null) {
    if (receivedAt !== undefined) return receivedAt;
    return fail("time", "is required (RFC 3339 date-time or epoch milliseconds)", "required");
  }
  if (typeof time === "number") {
    if (Number.isSafeInteger(time) && time >= 0) return time;
    return fail("time", "as a number must be whole epoch milliseconds ≥ 0", "range");
  }
  if (typeof time === "string") {
    const parsed = parseRfc3339(time);
    if (parsed !== null) return parsed;
  }
  return fail(
    "time",
    "must be an RFC 3339 date-time (e.g. 2030-01-01T00:00:00Z) or epoch milliseconds",
    "format",
  );
}

function checkReport(input: Record<string, unknown>, fail: Fail): void {
  const { commandId, success, reason } = input;
  if (commandId === undefined) fail("commandId", `is required in ${input.type} frames`, "required");
  if (typeof commandId !== "string" || commandId.length === 0 || commandId.length > MAX_FRAME_TOKEN_LENGTH) {
    fail("commandId", `must be a non-empty string of at most ${MAX_FRAME_TOKEN_LENGTH} characters`, "type");
  }
  if (typeof success !== "boolean")
    fail("success", `is required in ${input.type} frames and must be a boolean`, "type");
  if (reason !== undefined && (typeof reason !== "string" || reason.length > MAX_FRAME_REASON_LENGTH)) {
    fail("reason", `must be a string of at most ${MAX_FRAME_REASON_LENGTH} characters`, "type");
  }
}

function checkTelemetry(parameters: unknown, fail: Fail): void {
  if (!isPlainObject(parameters)) {
    fail("parameters", "is required in telemetry frames and must be an object of values", "type");
    return;
  }
  for (const [name, value] of Object.entries(parameters)) {
    if (name.length === 0 || name.length > MAX_FRAME_TOKEN_LENGTH) {
      fail("parameters", `names must have 1 to ${MAX_FRAME_TOKEN_LENGTH} characters`, "type");
    }
    if (!isTelemetryValue(value))
      fail(`parameters.${name}`, "must be a finite number, a string or a boolean", "type");
  }
}

function isTelemetryValue(value: unknown): value is TelemetryValue {
  return (
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The cheap checks the downlink's sequencing relies on (the full ones are {@link parseFrame}'s):
 * every frame is an object with a non-empty `spacecraftId`, an integer `seq` ≥ 1 and a string `type`.
 */
export function checkSequencing(frames: readonly DownlinkFrame[]): void {
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i] as DownlinkFrame;
    if (frame === null || typeof frame !== "object")
      throw sequencingError(frames, i, "", "must be a frame", "type");
    if (typeof frame.spacecraftId !== "string" || frame.spacecraftId.length === 0) {
      throw sequencingError(
        frames,
        i,
        "spacecraftId",
        "is required and must be a non-empty string",
        "required",
      );
    }
    if (!Number.isSafeInteger(frame.seq) || frame.seq < 1) {
      throw sequencingError(frames, i, "seq", "must be an integer ≥ 1", "range");
    }
    if (typeof frame.type !== "string") {
      throw sequencingError(frames, i, "type", "is required and must be a string", "type");
    }
  }
}

// Built only on failure: the check runs on every frame of the downlink's fast path.
function sequencingError(
  frames: readonly DownlinkFrame[],
  index: number,
  field: string,
  message: string,
  rule: string,
): ValidationError {
  const at = frames.length > 1 ? `[${index}]` : "";
  return new ValidationError(at && field ? `${at}.${field}` : at || field || "body", message, rule);
}
