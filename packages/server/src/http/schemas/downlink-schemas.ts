import { decodeGapCursor, MAX_FRAME_TOKEN_LENGTH, SPACECRAFT_ID_PATTERN } from "@uplink/core";
import { z } from "zod";
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from "./telecommand-schemas.js";

/**
 * A downlink frame as `/openapi.json` describes it (SPEC §3). The endpoint itself checks frames
 * with core's `parseFrames`, the one parser every gateway and the simulator share; this schema
 * documents the same rules. Fields beyond these are kept (a mission's own frame types).
 */
export const downlinkFrameSchema = z.looseObject({
  spacecraftId: z.string().regex(SPACECRAFT_ID_PATTERN),
  seq: z.int().min(1).meta({ description: "Per-spacecraft sequence number, from 1" }),
  time: z
    .union([z.iso.datetime({ offset: true }), z.int().min(0)])
    .optional()
    .meta({ description: "RFC 3339 (or epoch milliseconds); the arrival time when absent" }),
  type: z.string().min(1).max(MAX_FRAME_TOKEN_LENGTH).meta({
    description: "acceptance, completion, telemetry, or a mission's own (accepted, counted, ignored)",
  }),
  commandId: z.string().optional().meta({ description: "acceptance and completion" }),
  success: z.boolean().optional().meta({ description: "acceptance and completion" }),
  reason: z.string().optional().meta({ description: "Why, when success is false" }),
  parameters: z
    .record(z.string(), z.union([z.number(), z.string(), z.boolean()]))
    .optional()
    .meta({ description: "telemetry: housekeeping values" }),
});

/** The body of `POST /api/downlink`: one frame or a non-empty array of frames. */
export const downlinkBodySchema = z.union([downlinkFrameSchema, z.array(downlinkFrameSchema).min(1)]);

/** The query of `GET /api/downlink/gaps`: paged like the telecommand list. */
export const gapListQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIST_LIMIT)
    .default(DEFAULT_LIST_LIMIT)
    .meta({ description: `Page size, 1 to ${MAX_LIST_LIMIT}` }),
  cursor: z
    .string()
    .max(64)
    .refine(isGapCursor, { message: "is not a cursor returned by this API", params: { rule: "format" } })
    .optional()
    .meta({ description: "The previous page's nextCursor" }),
});

function isGapCursor(text: string): boolean {
  try {
    decodeGapCursor(text);
    return true;
  } catch {
    return false;
  }
}
