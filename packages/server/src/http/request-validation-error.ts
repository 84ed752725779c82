import { ValidationError } from "@uplink/core";
import type { z } from "zod";

/** One field at fault in a request. */
export interface FieldError {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * A request that breaks its schema: a {@link ValidationError} on the first field at fault, with
 * every field at fault in `errors` (the problem's `errors` member).
 */
export class RequestValidationError extends ValidationError {
  constructor(readonly errors: readonly FieldError[]) {
    const first = errors[0] ?? { field: "body", rule: "invalid", message: "is invalid" };
    super(first.field, first.message, first.rule);
    this.name = "RequestValidationError";
  }

  /** One field, one rule: the common case outside schemas (headers, path parameters, the body's framing). */
  static of(field: string, message: string, rule: string): RequestValidationError {
    return new RequestValidationError([{ field, rule, message }]);
  }

  /** Every issue of a failed zod parse, fields named as dotted paths (`args`, `notAfter`, `limit`). */
  static fromZod(error: z.ZodError, root = "body"): RequestValidationError {
    const errors: FieldError[] = [];
    for (const issue of error.issues) {
      const at = issue.path.map(String).join(".");
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          errors.push({
            field: at ? `${at}.${key}` : key,
            rule: "unknown_field",
            message: "is not a known field",
          });
        }
        continue;
      }
      errors.push({ field: at || root, rule: ruleOf(issue), message: issue.message });
    }
    // Unknown fields are reported first: they explain the other errors (a misspelt name).
    errors.sort((a, b) => Number(b.rule === "unknown_field") - Number(a.rule === "unknown_field"));
    return new RequestValidationError(errors);
  }
}

function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return "type";
    case "invalid_format":
      return "format";
    case "too_big":
      return "max";
    case "too_small":
      return "min";
    case "invalid_value":
      return "enum";
    case "custom": {
      const rule = issue.params?.rule;
      return typeof rule === "string" ? rule : "invalid";
    }
    default:
      return "invalid";
  }
}
