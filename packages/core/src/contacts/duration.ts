import { ConfigError } from "../errors.js";

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** What {@link parseDuration} accepts, for error messages. */
export const DURATION_FORMAT = "a duration such as 500ms, 45s, 90m, 2h, 1d or 1h30m";

const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART_PATTERN = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * Parses a duration into whole milliseconds: one or more `NUMBER UNIT` parts with units `ms`,
 * `s`, `m`, `h`, `d` (`90m`, `45s`, `1.5h`, `1h30m`, `500ms`). A unit is required; the result
 * must be a whole number of milliseconds. Throws a {@link ConfigError} naming `variable`.
 *
 * @example
 * parseDuration("90m"); // 5_400_000
 * parseDuration("1h30m"); // 5_400_000
 */
export function parseDuration(text: string, variable = "duration"): number {
  const trimmed = text.trim();
  if (!DURATION_PATTERN.test(trimmed)) {
    throw new ConfigError(variable, DURATION_FORMAT, `${variable}: "${text}" is not ${DURATION_FORMAT}`);
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART_PATTERN)) {
    total += Number(amount) * (UNIT_MS[unit as string] as number);
  }
  // Fractions like 1.1s pick up binary rounding error; whole milliseconds are what we want.
  const rounded = Math.round(total);
  if (Math.abs(total - rounded) > 1e-6 || !Number.isSafeInteger(rounded)) {
    throw new ConfigError(
      variable,
      DURATION_FORMAT,
      `${variable}: "${text}" is not a whole number of milliseconds`,
    );
  }
  return rounded;
}
