import type { Dictionary } from "./dictionary.js";

/** What a housekeeping parameter may read: inclusive numeric bounds, or the expected values. */
export interface TelemetryLimit {
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  readonly unit?: string;
}

/**
 * The limits a dictionary gives its housekeeping parameters, by name; only the parameters that
 * have some. The fleet's health (SPEC §8) is `degraded` when a value is outside them.
 *
 * @example
 * const limits = limitsOf(dictionary);
 * isOutsideLimit(limits.get("BATT_V"), 22.5); // true when BATT_V's min is 24
 */
export function limitsOf(dictionary: Dictionary): ReadonlyMap<string, TelemetryLimit> {
  const limits = new Map<string, TelemetryLimit>();
  for (const parameter of dictionary.telemetry) {
    const limit: { min?: number; max?: number; values?: readonly string[]; unit?: string } = {};
    if (parameter.min !== undefined) limit.min = parameter.min;
    if (parameter.max !== undefined) limit.max = parameter.max;
    if (parameter.values !== undefined) limit.values = parameter.values;
    if (parameter.unit !== undefined) limit.unit = parameter.unit;
    if (limit.min !== undefined || limit.max !== undefined || limit.values !== undefined) {
      limits.set(parameter.name, limit);
    }
  }
  return limits;
}

/**
 * Whether a value breaks its limit: a number below `min` or above `max`, a string outside
 * `values`. A parameter without a limit, or a value of another type, is never outside.
 */
export function isOutsideLimit(limit: TelemetryLimit | undefined, value: unknown): boolean {
  if (limit === undefined) return false;
  if (typeof value === "number") {
    return (limit.min !== undefined && value < limit.min) || (limit.max !== undefined && value > limit.max);
  }
  if (typeof value === "string" && limit.values !== undefined) return !limit.values.includes(value);
  return false;
}
