import type { Instant } from "../types.js";

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 date-time (`2030-01-01T12:00:00.250Z`, `2030-01-01T14:00:00+02:00`) to
 * epoch milliseconds, or returns null when the text is not one. Stricter than `Date.parse`,
 * which accepts many other shapes and rolls `02-31` over into March. Digits past milliseconds
 * are truncated; a leap second (`:60`) counts as the first instant of the next minute.
 *
 * @example
 * parseRfc3339("2030-01-01T00:00:00Z"); // 1893456000000
 * parseRfc3339("yesterday"); // null
 */
export function parseRfc3339(text: string): Instant | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const field = (i: number): number => Number(m[i]);
  const [year, month, day, hour, minute, second] = [
    field(1),
    field(2),
    field(3),
    field(4),
    field(5),
    field(6),
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  let offsetMinutes = 0;
  if (!m[8]) {
    const offsetHours = field(10);
    const offsetMins = field(11);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const seconds = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second;
  return seconds * 1000 + millis;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
