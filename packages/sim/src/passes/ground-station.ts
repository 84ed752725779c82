import { ConfigError } from "@uplink/core";

/** A ground station: where it is and the lowest elevation at which it can talk to a spacecraft. */
export interface GroundStation {
  readonly name: string;
  /** Geodetic latitude, degrees, −90..90 (north positive). */
  readonly latitudeDeg: number;
  /** Longitude, degrees, −180..180 (east positive). */
  readonly longitudeDeg: number;
  /** Height above the WGS 84 ellipsoid, kilometres, −1..100. */
  readonly altitudeKm: number;
  /** The minimum elevation for a contact, degrees, −90..<90 (typically 5–10). */
  readonly minElevationDeg: number;
}

/** What `UPLINK_STATIONS` accepts, for error messages and help text. */
export const STATIONS_FORMAT =
  "NAME:LAT,LON,ALT_KM,MIN_EL_DEG;... (degrees and kilometres, e.g. REDU:50.0,5.15,0.37,5;KOUROU:5.25,-52.8,0.01,5)";

/**
 * Stations used when `UPLINK_STATIONS` is unset: ESA's Redu (Belgium), Kiruna (Sweden) and
 * Kourou (French Guiana), each with a 5° elevation mask.
 */
export const DEFAULT_STATIONS_SPEC =
  "REDU:50.002,5.146,0.37,5;KIRUNA:67.857,20.964,0.40,5;KOUROU:5.251,-52.805,0.01,5";

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Parses `UPLINK_STATIONS` (`NAME:LAT,LON,ALT_KM,MIN_EL_DEG;…`, SPEC §4). Whitespace around
 * parts is ignored and a trailing `;` is allowed. Anything else (a missing part, a number out
 * of range, a duplicate name, no station at all) throws a {@link ConfigError} naming
 * `variable` and the station at fault.
 *
 * @example
 * parseStations("REDU:50.002,5.146,0.37,5");
 * // [{ name: "REDU", latitudeDeg: 50.002, longitudeDeg: 5.146, altitudeKm: 0.37, minElevationDeg: 5 }]
 */
export function parseStations(text: string, variable = "UPLINK_STATIONS"): GroundStation[] {
  const fail = (why: string): never => {
    throw new ConfigError(variable, STATIONS_FORMAT, `${variable}: ${why}; expected ${STATIONS_FORMAT}`);
  };
  const parts = text.split(";").map((p) => p.trim());
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length === 1 && parts[0] === "") fail("no station given");
  const empty = parts.indexOf("");
  if (empty >= 0) fail(`station ${empty + 1} is empty`);
  const seen = new Set<string>();
  return parts.map((part, i) => {
    const colon = part.indexOf(":");
    if (colon < 0) return fail(`station ${i + 1} "${part}" is not NAME:LAT,LON,ALT_KM,MIN_EL_DEG`);
    const name = part.slice(0, colon).trim();
    if (!NAME_PATTERN.test(name))
      return fail(`station ${i + 1} name "${name}" must match ${NAME_PATTERN.source}`);
    if (seen.has(name)) return fail(`station name "${name}" is used twice`);
    seen.add(name);
    const numbers = part
      .slice(colon + 1)
      .split(",")
      .map((n) => n.trim());
    if (numbers.length !== 4) return fail(`station ${name} needs 4 numbers, got ${numbers.length}`);
    const value = (index: number, label: string, min: number, max: number, maxInclusive = true): number => {
      const raw = numbers[index] as string;
      const n = raw === "" ? Number.NaN : Number(raw);
      const inRange = n >= min && (maxInclusive ? n <= max : n < max);
      if (!Number.isFinite(n) || !inRange) {
        return fail(
          `station ${name} ${label} "${raw}" must be a number from ${min} to ${maxInclusive ? "" : "below "}${max}`,
        );
      }
      return n;
    };
    return {
      name,
      latitudeDeg: value(0, "LAT", -90, 90),
      longitudeDeg: value(1, "LON", -180, 180),
      altitudeKm: value(2, "ALT_KM", -1, 100),
      minElevationDeg: value(3, "MIN_EL_DEG", -90, 90, false),
    };
  });
}
