import {
  COMMAND_NAME_PATTERN,
  decodeCursor,
  MAX_ARGS_BYTES,
  MAX_COMMENT_LENGTH,
  MAX_PRIORITY,
  MIN_PRIORITY,
  parseRfc3339,
  SPACECRAFT_ID_PATTERN,
  type SubmitRequest,
} from "@uplink/core";
import { z } from "zod";

/** Largest page of `GET /api/telecommands` (SPEC §5). */
export const MAX_LIST_LIMIT = 500;
/** Page size when `limit` is not given. */
export const DEFAULT_LIST_LIMIT = 50;

const rfc3339 = z.iso
  .datetime({ offset: true })
  .nullable()
  .optional()
  .meta({ description: "RFC 3339 date-time with a time zone (Z or ±hh:mm)" });

/**
 * The body of `POST /api/telecommands`: the one source of its validation and of its OpenAPI
 * schema. Unknown fields are refused; `args` must be an object of at most 4 KiB as JSON;
 * `notAfter` may not be before `notBefore`.
 */
export const submitBodySchema = z
  .strictObject({
    name: z.string().regex(COMMAND_NAME_PATTERN).meta({ description: "Command mnemonic", example: "PING" }),
    spacecraftId: z
      .string()
      .regex(SPACECRAFT_ID_PATTERN)
      .optional()
      .meta({ description: "Target spacecraft; sc-1 when absent" }),
    args: z
      .record(z.string(), z.unknown())
      .optional()
      .refine((args) => args === undefined || Buffer.byteLength(JSON.stringify(args)) <= MAX_ARGS_BYTES, {
        message: `must be at most ${MAX_ARGS_BYTES} bytes as JSON`,
        params: { rule: "max_size" },
      })
      .meta({ description: `Command arguments, a JSON object of at most ${MAX_ARGS_BYTES} bytes` }),
    priority: z
      .int()
      .min(MIN_PRIORITY)
      .max(MAX_PRIORITY)
      .optional()
      .meta({ description: "Higher goes first; 0 when absent" }),
    notBefore: rfc3339,
    notAfter: rfc3339,
    approval: z.boolean().optional().meta({
      description:
        "Start in pending_approval until a second person approves it (SPEC §10); hazardous commands always do",
    }),
  })
  .superRefine((body, ctx) => {
    if (body.notBefore && body.notAfter && instant(body.notAfter) < instant(body.notBefore)) {
      ctx.addIssue({
        code: "custom",
        path: ["notAfter"],
        message: "must not be before notBefore",
        params: { rule: "order" },
      });
    }
  });

/** A body that passed {@link submitBodySchema}. */
export type SubmitBody = z.infer<typeof submitBodySchema>;

/** An RFC 3339 text that the schema accepted, in epoch milliseconds (core's strict parser). */
function instant(text: string): number {
  return parseRfc3339(text) ?? Number.NaN;
}

/** A validated body as core's submission (instants in epoch milliseconds). */
export function toSubmitRequest(body: SubmitBody): SubmitRequest {
  return {
    name: body.name,
    ...(body.spacecraftId !== undefined && { spacecraftId: body.spacecraftId }),
    ...(body.args !== undefined && { args: body.args }),
    ...(body.priority !== undefined && { priority: body.priority }),
    notBefore: body.notBefore ? instant(body.notBefore) : null,
    notAfter: body.notAfter ? instant(body.notAfter) : null,
    ...(body.approval !== undefined && { approval: body.approval }),
  };
}

/** The query of `POST /api/telecommands`: `dryRun=true` checks without storing (SPEC §10). */
export const submitQuerySchema = z.strictObject({
  dryRun: z.enum(["true", "false"]).optional().meta({
    description: "true: check everything a submission would be checked for, store and send nothing",
  }),
});

/** The longest free text an operator may attach (a rejection's reason, a comment). */
export const MAX_NOTE_LENGTH = 1_000;

/** The body of `POST /api/telecommands/:id/comments`: the comment's text. */
export const commentBodySchema = z.strictObject({
  text: z
    .string()
    .max(MAX_COMMENT_LENGTH)
    .refine((text) => text.trim() !== "", { message: "must not be empty", params: { rule: "length" } })
    .meta({ description: `The comment, 1 to ${MAX_COMMENT_LENGTH} characters; kept in the history` }),
});

/** The body of `POST /api/telecommands/:id/reject`: why it is rejected. */
export const rejectBodySchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(MAX_NOTE_LENGTH)
    .meta({ description: `Why it is rejected, 1 to ${MAX_NOTE_LENGTH} characters; kept in its history` }),
});

/** `Idempotency-Key`: 1 to 200 printable ASCII characters. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x20-\x7e]{1,200}$/)
  .optional()
  .meta({ description: "Makes a retried submission safe: the same key and body return the same command" });

/** A command id in a path. */
export const commandIdSchema = z.uuid({ error: "must be a UUID" });

/** The query of `GET /api/telecommands`, for a lifecycle with the given statuses. */
export function listQuerySchema(statuses: readonly string[]) {
  return z.strictObject({
    status: z
      .enum(statuses as [string, ...string[]])
      .optional()
      .meta({ description: "Only commands in this status" }),
    spacecraftId: z.string().regex(SPACECRAFT_ID_PATTERN).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_LIST_LIMIT)
      .default(DEFAULT_LIST_LIMIT)
      .meta({ description: `Page size, 1 to ${MAX_LIST_LIMIT}` }),
    cursor: z
      .string()
      .max(256)
      .refine(isCursor, { message: "is not a cursor returned by this API", params: { rule: "format" } })
      .optional()
      .meta({ description: "The previous page's nextCursor" }),
  });
}

function isCursor(text: string): boolean {
  try {
    decodeCursor(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The query of `GET /api/telecommands/export`: the format, the list's filters, and `from`/`to`
 * (inclusive bounds on `createdAt`, RFC 3339); `to` before `from` is refused naming `to`.
 */
export function exportQuerySchema(statuses: readonly string[]) {
  const list = listQuerySchema(statuses);
  const bound = z.iso.datetime({ offset: true }).meta({ description: "RFC 3339 date-time with a time zone" });
  return z
    .strictObject({
      format: z
        .enum(["csv", "ndjson"])
        .meta({ description: "csv (one row per command) or ndjson (with history)" }),
      status: list.shape.status,
      spacecraftId: list.shape.spacecraftId,
      from: bound.optional().meta({ description: "Only commands created at or after this instant" }),
      to: bound.optional().meta({ description: "Only commands created at or before this instant" }),
    })
    .superRefine((query, ctx) => {
      if (query.from && query.to && Date.parse(query.to) < Date.parse(query.from)) {
        ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
      }
    });
}
