import { z } from "zod";

/** A JSON object of the OpenAPI document. */
export type Json = Record<string, unknown>;

/** An optional header parameter described by a zod schema. */
export function header(name: string, schema: z.ZodType): Json {
  const { description, ...rest } = z.toJSONSchema(schema, { io: "input" }) as Json;
  return { name, in: "header", required: false, description, schema: rest };
}

/** The query parameters of a route, one per property of its (object) query schema. */
export function queryParameters(schema: z.ZodObject): Json[] {
  const object = z.toJSONSchema(schema, { io: "input" }) as { properties?: Json; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as Json;
    return {
      name,
      in: "query",
      required: object.required?.includes(name) ?? false,
      description,
      schema: rest,
    };
  });
}

/** Drops JSON Schema noise that OpenAPI tools choke on: `$schema`/`$id` inside components, regexes next to formats. */
export function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  const object = value as Json;
  for (const [key, child] of Object.entries(object)) {
    if (key === "$schema" || key === "$id") continue;
    if (key === "pattern" && typeof object.format === "string") continue;
    if (key === "description" && child === undefined) continue;
    out[key] = tidy(child);
  }
  return out;
}
