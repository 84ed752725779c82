import { parseRfc3339 } from "../contacts/rfc3339.js";
import type { ArgumentDefinition } from "./dictionary.js";

/** Why a value is refused: the rule it breaks and a sentence that completes `args.NAME: …`. */
export interface Refusal {
  readonly rule: "type" | "range" | "max_length" | "pattern" | "enum" | "time";
  readonly message: string;
}

/** One argument's check: the refusal, or null when the value is accepted. */
export type ArgumentCheck = (value: unknown) => Refusal | null;

/**
 * Compiles an argument's definition into its check, once: the regular expression, the enum's
 * set and every refusal are built here, so a check allocates nothing. The one rule that both a
 * dictionary's defaults and a submission's arguments obey.
 *
 * @example
 * compileArgument({ type: "integer", min: 0, max: 10 })(11); // { rule: "range", message: "must be at most 10" }
 */
export function compileArgument(definition: ArgumentDefinition): ArgumentCheck {
  switch (definition.type) {
    case "integer":
    case "float":
      return numberCheck(definition);
    case "string":
      return stringCheck(definition);
    case "boolean": {
      const refusal: Refusal = { rule: "type", message: "must be true or false" };
      return (value) => (typeof value === "boolean" ? null : refusal);
    }
    case "enum": {
      const values = new Set(definition.values);
      const refusal: Refusal = { rule: "enum", message: `must be one of ${[...values].join(", ")}` };
      return (value) => (typeof value === "string" && values.has(value) ? null : refusal);
    }
    case "time": {
      const refusal: Refusal = {
        rule: "time",
        message: "must be an RFC 3339 date-time such as 2030-01-01T12:00:00Z",
      };
      return (value) => (typeof value === "string" && parseRfc3339(value) !== null ? null : refusal);
    }
  }
}

function numberCheck(definition: ArgumentDefinition): ArgumentCheck {
  const integer = definition.type === "integer";
  const min = definition.min ?? Number.NEGATIVE_INFINITY;
  const max = definition.max ?? Number.POSITIVE_INFINITY;
  const wrongType: Refusal = { rule: "type", message: integer ? "must be an integer" : "must be a number" };
  const below: Refusal = { rule: "range", message: `must be at least ${definition.min}` };
  const above: Refusal = { rule: "range", message: `must be at most ${definition.max}` };
  return (value) => {
    if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isSafeInteger(value))) {
      return wrongType;
    }
    if (value < min) return below;
    if (value > max) return above;
    return null;
  };
}

function stringCheck(definition: ArgumentDefinition): ArgumentCheck {
  const maxLength = definition.maxLength ?? Number.POSITIVE_INFINITY;
  const pattern = definition.pattern === undefined ? null : new RegExp(`^(?:${definition.pattern})$`, "u");
  const wrongType: Refusal = { rule: "type", message: "must be a string" };
  const tooLong: Refusal = {
    rule: "max_length",
    message: `must be at most ${definition.maxLength} characters`,
  };
  const mismatch: Refusal = { rule: "pattern", message: `must match ${definition.pattern}` };
  return (value) => {
    if (typeof value !== "string") return wrongType;
    if (value.length > maxLength) return tooLong;
    if (pattern !== null && !pattern.test(value)) return mismatch;
    return null;
  };
}
