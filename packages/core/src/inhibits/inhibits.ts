import { ValidationError } from "../errors.js";
import { COMMAND_NAME_PATTERN } from "../services/submit-validation.js";

/** A spacecraft's opt-outs (SPEC §9): whole categories of commands, and commands by name. */
export interface Inhibits {
  readonly categories: readonly string[];
  readonly commands: readonly string[];
}

/** The default: nothing inhibited. */
export const NO_INHIBITS: Inhibits = Object.freeze({
  categories: Object.freeze([]),
  commands: Object.freeze([]),
});

/** At most this many entries in each list. */
export const MAX_INHIBITS = 1_000;
const MAX_CATEGORY_LENGTH = 1_024;

/**
 * Checks a `PUT /api/spacecraft/:id/inhibits` body: `{categories?, commands?}`, each a list of
 * strings (command names in the name pattern), duplicates dropped, sorted. Anything else
 * throws a {@link ValidationError} naming the field (`commands[2]`).
 *
 * @example
 * parseInhibits({ categories: ["propulsion"] }); // { categories: ["propulsion"], commands: [] }
 */
export function parseInhibits(input: unknown): Inhibits {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ValidationError("body", "must be a JSON object {categories, commands}", "type");
  }
  for (const key of Object.keys(input)) {
    if (key !== "categories" && key !== "commands") {
      throw new ValidationError(key, "is not a known field", "unknown_field");
    }
  }
  const raw = input as { categories?: unknown; commands?: unknown };
  return {
    categories: list(raw.categories, "categories", (value) =>
      value.trim() !== "" && value.length <= MAX_CATEGORY_LENGTH
        ? null
        : `must be 1 to ${MAX_CATEGORY_LENGTH} characters`,
    ),
    commands: list(raw.commands, "commands", (value) =>
      COMMAND_NAME_PATTERN.test(value) ? null : `must match ${COMMAND_NAME_PATTERN.source}`,
    ),
  };
}

function list(value: unknown, field: string, problem: (value: string) => string | null): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ValidationError(field, "must be an array of strings", "type");
  if (value.length > MAX_INHIBITS) {
    throw new ValidationError(field, `must have at most ${MAX_INHIBITS} entries`, "max_items");
  }
  const seen = new Set<string>();
  value.forEach((entry, index) => {
    if (typeof entry !== "string")
      throw new ValidationError(`${field}[${index}]`, "must be a string", "type");
    const wrong = problem(entry);
    if (wrong !== null) throw new ValidationError(`${field}[${index}]`, wrong, "pattern");
    seen.add(entry);
  });
  return [...seen].sort();
}
