import type { Instant } from "../types.js";

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?([Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Parses an RFC 3339 date-time (`2030-01-01T12:00:00Z`, `2030-01-01T14:00:00.5+02:00`) into
 * epoch milliseconds; `null` when the text is not one (including impossible dates such as
 * February 30, which `Date.parse` would roll over). Leap seconds are not accepted.
 *
 * @example
 * parseRfc3339("1970-01-01T00:01:00Z"); // 60_000
 */
export function parseRfc3339(text: string): Instant | null {
  const match = RFC3339.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const normalized = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${match[7] ?? ""}${(match[8] as string).toUpperCase()}`;
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? null : ms;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
