import { z } from "zod";
import { instantSchema } from "./wire-schemas.js";

const argumentSchema = z
  .object({
    type: z.enum(["integer", "float", "string", "boolean", "enum", "time"]),
    description: z.string().optional(),
    min: z.number().optional().meta({ description: "integer, float: inclusive lower bound" }),
    max: z.number().optional().meta({ description: "integer, float: inclusive upper bound" }),
    unit: z.string().optional().meta({ description: "integer, float: shown to the operator" }),
    maxLength: z.int().min(0).optional().meta({ description: "string: the longest value" }),
    pattern: z
      .string()
      .optional()
      .meta({ description: "string: a regular expression the whole value matches" }),
    values: z.array(z.string()).min(1).optional().meta({ description: "enum: the accepted values" }),
    optional: z.boolean().optional(),
    default: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .meta({ description: "Filled in when left out" }),
  })
  .strict();

const commandSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/),
    category: z.string().min(1),
    description: z.string().optional(),
    hazardous: z.boolean().optional(),
    args: z.record(z.string(), argumentSchema).optional(),
    timeouts: z
      .object({ acceptanceMs: z.int().min(1).optional(), executionMs: z.int().min(1).optional() })
      .strict()
      .optional()
      .meta({ description: "Override the server's acceptance and execution timeouts for this command" }),
  })
  .strict();

const telemetrySchema = z
  .object({
    name: z.string(),
    type: z.enum(["integer", "float", "string", "boolean", "enum"]),
    description: z.string().optional(),
    unit: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    values: z.array(z.string()).min(1).optional(),
  })
  .strict();

/**
 * A command dictionary document (SPEC §9), for the OpenAPI document: the server checks it with
 * core's `parseDictionary`, which also refuses fields that do not apply to an argument's type,
 * duplicates, `min` above `max` and defaults outside their range, naming the place.
 */
export const dictionaryDocumentSchema = z
  .object({
    mission: z.string().optional().meta({ description: "The path's mission when left out" }),
    description: z.string().optional(),
    commands: z.array(commandSchema),
    telemetry: z.array(telemetrySchema).optional(),
  })
  .strict();

/** `GET`/`PUT /api/missions/:mission/dictionary`'s answer. */
export const dictionaryWireSchema = z.object({
  mission: z.string(),
  version: z
    .string()
    .meta({ description: "A hash of the dictionary's content, kept by each command checked against it" }),
  updatedAt: instantSchema,
  dictionary: dictionaryDocumentSchema,
});

/** `GET`/`PUT /api/spacecraft/:id/inhibits`'s answer; the body of a `PUT` without `spacecraftId`. */
export const inhibitsWireSchema = z.object({
  spacecraftId: z.string(),
  categories: z.array(z.string()),
  commands: z.array(z.string()),
});

/** The body of `PUT /api/spacecraft/:id/inhibits`. */
export const inhibitsBodySchema = z
  .object({ categories: z.array(z.string()).optional(), commands: z.array(z.string()).optional() })
  .strict();
