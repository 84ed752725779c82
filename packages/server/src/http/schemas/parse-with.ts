import { findJsonFault } from "@uplink/core";
import type { z } from "zod";
import { RequestValidationError } from "../request-validation-error.js";

/**
 * Validates a request part against its schema and returns the parsed value; on failure throws a
 * {@link RequestValidationError} naming every field at fault (`root` names the part itself when
 * the whole of it is wrong: `body`, `query`, `id`). Text that cannot be stored (NUL, an
 * unpaired surrogate) is refused first, naming its field (`spacecraftId`, `Idempotency-Key`).
 *
 * @example
 * const body = parseWith(submitBodySchema, await readJsonBody(ctx, limit));
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, root = "body"): z.output<S> {
  const fault = findJsonFault(value);
  if (fault) throw RequestValidationError.of(fault.field || root, fault.message, fault.rule);
  const result = schema.safeParse(value);
  if (!result.success) throw RequestValidationError.fromZod(result.error, root);
  return result.data;
}
