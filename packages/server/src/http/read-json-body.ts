import { findJsonFault } from "@uplink/core";
import type { Context } from "koa";
import { RequestValidationError } from "./request-validation-error.js";

/** A request whose body is not JSON (the problem middleware answers 415). */
export class UnsupportedMediaTypeError extends Error {
  readonly status = 415;
  constructor(readonly contentType: string) {
    super(`send the body as application/json, not ${contentType}`);
    this.name = "UnsupportedMediaTypeError";
  }
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Reads a request body of at most `maxBytes` and parses it as JSON. A body that is too big,
 * not UTF-8, empty or not JSON is a 400 problem on the field `body` (SPEC §5); a body sent as
 * another media type is refused with 415, which also keeps HTML forms from posting
 * cross-site. Nothing past `maxBytes` is read: the connection is closed after the answer.
 * A body that parses but holds a string or key that cannot be stored (NUL, an unpaired
 * surrogate) or nests deeper than core's `MAX_JSON_DEPTH` is a 400 problem naming the field
 * (`args.a`, `[3].reason`), before anything else reads it: `JSON.parse` does not recurse,
 * the check does not either, and everything after it may.
 *
 * @example
 * const body: unknown = await readJsonBody(ctx, 64 * 1024);
 */
export async function readJsonBody(ctx: Context, maxBytes: number): Promise<unknown> {
  const type = ctx.get("Content-Type");
  if (type !== "" && !JSON_TYPE.test(type)) throw new UnsupportedMediaTypeError(type);
  const encoding = ctx.get("Content-Encoding");
  if (encoding !== "" && encoding.toLowerCase() !== "identity")
    throw new UnsupportedMediaTypeError(`${type} (${encoding})`);
  const declared = Number(ctx.get("Content-Length") || "0");
  if (declared > maxBytes) throw tooLarge(ctx, maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(ctx, maxBytes);
    chunks.push(chunk);
  }
  if (size === 0) throw RequestValidationError.of("body", "is required: a JSON object", "required");
  let text: string;
  try {
    text = UTF8.decode(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
  } catch {
    throw RequestValidationError.of("body", "is not valid UTF-8", "encoding");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw RequestValidationError.of("body", `is not valid JSON (${(error as Error).message})`, "json");
  }
  const fault = findJsonFault(value);
  if (fault) throw RequestValidationError.of(fault.field || "body", fault.message, fault.rule);
  return value;
}

function tooLarge(ctx: Context, maxBytes: number): RequestValidationError {
  // The rest of the body is never read, so the connection cannot be reused.
  ctx.set("Connection", "close");
  return RequestValidationError.of("body", `must be at most ${maxBytes} bytes`, "max_size");
}
