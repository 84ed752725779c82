import { ConfigError } from "@uplink/core";

/** One two-line element set, with the name from its title line when the file has one. */
export interface TleRecord {
  /** The title line (e.g. `ISS (ZARYA)`), or the catalogue number when there is none. */
  readonly name: string;
  readonly line1: string;
  readonly line2: string;
  /** The element set's epoch, epoch milliseconds UTC (rounded to the millisecond). */
  readonly epoch: number;
}

/** What a TLE file must contain, for error messages. */
export const TLE_FORMAT =
  "two-line element sets (an optional title line, then lines 1 and 2 with valid checksums)";

/**
 * Parses a TLE file: any number of element sets, each an optional title line (a leading `0 `
 * is dropped) followed by lines 1 and 2. Blank lines are skipped. A line that is not 69
 * characters, a bad checksum, or lines 1 and 2 of different satellites throw a
 * {@link ConfigError} naming `variable`, the file and the line.
 *
 * @example
 * const [iss] = parseTle(readFileSync("iss.tle", "utf8"), "iss.tle");
 */
export function parseTle(text: string, source = "TLE", variable = "UPLINK_CONTACTS"): TleRecord[] {
  const lines = text.split(/\r?\n/).map((l) => l.trimEnd());
  const records: TleRecord[] = [];
  let title: string | null = null;
  const fail = (lineNo: number, why: string): never => {
    throw new ConfigError(variable, TLE_FORMAT, `${variable}: ${source} line ${lineNo}: ${why}`);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    if (!line.startsWith("1 ")) {
      if (title !== null) fail(i, `expected line 1 of "${title}"`);
      title = line.replace(/^0 /, "").trim();
      continue;
    }
    const line2 = lines[i + 1] ?? "";
    checkLine(line, "1", i + 1, fail);
    checkLine(line2, "2", i + 2, fail);
    if (line.slice(2, 7) !== line2.slice(2, 7))
      fail(i + 2, "line 2 belongs to another satellite than line 1");
    records.push({ name: title ?? line.slice(2, 7).trim(), line1: line, line2, epoch: epochOf(line) });
    title = null;
    i++;
  }
  if (title !== null) fail(lines.length, `"${title}" has no element set`);
  if (records.length === 0) fail(1, "no element set found");
  return records;
}

function checkLine(
  line: string,
  number: "1" | "2",
  lineNo: number,
  fail: (lineNo: number, why: string) => never,
): void {
  if (!line.startsWith(`${number} `)) fail(lineNo, `expected line ${number}`);
  if (line.length !== 69) fail(lineNo, `line ${number} has ${line.length} characters, not 69`);
  let sum = 0;
  for (let i = 0; i < 68; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  if (sum % 10 !== Number(line[68]))
    fail(lineNo, `line ${number} checksum is ${line[68]}, computed ${sum % 10}`);
}

/** The epoch of line 1: two-digit year (57–99 → 19xx) and fractional day of the year. */
function epochOf(line1: string): number {
  const yy = Number(line1.slice(18, 20));
  const day = Number(line1.slice(20, 32));
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  return Math.round(Date.UTC(year, 0, 1) + (day - 1) * 86_400_000);
}
