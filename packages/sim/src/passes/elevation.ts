import { geodeticToEcf, gstime, type SatRec, sgp4, twoline2satrec } from "satellite.js";
import type { GroundStation } from "./ground-station.js";
import type { TleRecord } from "./tle.js";

/** Elevation of a satellite above a station's horizon, degrees, at an instant (epoch ms). */
export type ElevationFunction = (at: number) => number;

const DEG = Math.PI / 180;
const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_JD = 2_440_587.5;

/** Builds the SGP4 propagator of a TLE record (satellite.js). */
export function satelliteOf(tle: TleRecord): SatRec {
  return twoline2satrec(tle.line1, tle.line2);
}

/**
 * The elevation of `satellite` seen from `station`, as a function of time: SGP4 (satellite.js)
 * to TEME, Greenwich sidereal time to Earth-fixed, then the topocentric up component. The
 * station's position and its rotation are computed once. An instant SGP4 cannot propagate (a
 * decayed orbit) reads as −90°.
 *
 * @example
 * const elevation = elevationFunction(satelliteOf(iss), station);
 * elevation(Date.parse("2024-05-07T00:00:00Z")); // degrees
 */
export function elevationFunction(satellite: SatRec, station: GroundStation): ElevationFunction {
  const lat = station.latitudeDeg * DEG;
  const lon = station.longitudeDeg * DEG;
  const site = geodeticToEcf({ latitude: lat, longitude: lon, height: station.altitudeKm });
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const sinLon = Math.sin(lon);
  const cosLon = Math.cos(lon);
  // The local "up" unit vector in Earth-fixed coordinates.
  const upX = cosLat * cosLon;
  const upY = cosLat * sinLon;
  const upZ = sinLat;
  return (at: number): number => {
    const jd = at / MS_PER_DAY + UNIX_EPOCH_JD;
    const state = sgp4(satellite, (jd - satellite.jdsatepoch) * 1440);
    if (state === null || typeof state.position !== "object") return -90;
    const { x, y, z } = state.position;
    const gmst = gstime(jd);
    const c = Math.cos(gmst);
    const s = Math.sin(gmst);
    const rx = x * c + y * s - site.x;
    const ry = -x * s + y * c - site.y;
    const rz = z - site.z;
    const range = Math.sqrt(rx * rx + ry * ry + rz * rz);
    return Math.asin((rx * upX + ry * upY + rz * upZ) / range) / DEG;
  };
}
