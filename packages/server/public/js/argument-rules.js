/**
 * The checks of a dictionary argument (SPEC §9), for the submit form to show errors before
 * anything is sent. The server's check is core's `compileArgument`
 * (`packages/core/src/dictionary/argument-check.ts`); this is its browser twin, because the
 * console is served without a build step while core ships TypeScript. The property test
 * `test/console/argument-rules.test.ts` runs both on the same generated definitions and values
 * and requires the same verdict and rule, so the two cannot drift apart unnoticed.
 */

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?([Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * An RFC 3339 date-time in epoch ms, or null (impossible dates such as February 30 included).
 * @param {string} text
 */
export function parseRfc3339(text) {
  const match = RFC3339.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const normalized = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${match[7] ?? ""}${match[8].toUpperCase()}`;
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * @param {number} year
 * @param {number} month
 */
function daysInMonth(year, month) {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * @typedef {object} Refusal
 * @property {"type" | "range" | "max_length" | "pattern" | "enum" | "time"} rule
 * @property {string} message completes `NAME: …`
 */

/**
 * An argument's check: the refusal, or null when the value is accepted.
 * @param {Record<string, any>} definition the dictionary's argument entry
 * @returns {(value: unknown) => Refusal | null}
 */
export function compileArgument(definition) {
  switch (definition.type) {
    case "integer":
    case "float":
      return numberCheck(definition);
    case "string":
      return stringCheck(definition);
    case "boolean":
      return (value) =>
        typeof value === "boolean" ? null : { rule: "type", message: "must be true or false" };
    case "enum": {
      const values = new Set(definition.values ?? []);
      const refusal = { rule: "enum", message: `must be one of ${[...values].join(", ")}` };
      return (value) => (typeof value === "string" && values.has(value) ? null : refusal);
    }
    case "time": {
      const refusal = { rule: "time", message: "must be an RFC 3339 date-time such as 2030-01-01T12:00:00Z" };
      return (value) => (typeof value === "string" && parseRfc3339(value) !== null ? null : refusal);
    }
    default:
      return () => null;
  }
}

/** @param {Record<string, any>} definition */
function numberCheck(definition) {
  const integer = definition.type === "integer";
  const min = definition.min ?? Number.NEGATIVE_INFINITY;
  const max = definition.max ?? Number.POSITIVE_INFINITY;
  return (value) => {
    if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isSafeInteger(value)))
      return { rule: "type", message: integer ? "must be an integer" : "must be a number" };
    if (value < min) return { rule: "range", message: `must be at least ${definition.min}` };
    if (value > max) return { rule: "range", message: `must be at most ${definition.max}` };
    return null;
  };
}

/** @param {Record<string, any>} definition */
function stringCheck(definition) {
  const maxLength = definition.maxLength ?? Number.POSITIVE_INFINITY;
  const pattern = definition.pattern === undefined ? null : new RegExp(`^(?:${definition.pattern})$`, "u");
  return (value) => {
    if (typeof value !== "string") return { rule: "type", message: "must be a string" };
    if (value.length > maxLength)
      return { rule: "max_length", message: `must be at most ${definition.maxLength} characters` };
    if (pattern !== null && !pattern.test(value))
      return { rule: "pattern", message: `must match ${definition.pattern}` };
    return null;
  };
}

/** Whether a submission must give the argument: neither optional nor defaulted (core's rule). */
export function isRequired(definition) {
  return definition.optional !== true && definition.default === undefined;
}
