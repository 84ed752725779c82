import { ValidationError } from "../errors.js";
import type { Spacecraft } from "./spacecraft.js";

/** What the fleet may be sorted by (SPEC §8). */
export type FleetSortKey = "createdAt" | "name" | "mission" | "lastFrameAt";

/** A sort: a key, ascending unless `descending`. */
export interface FleetSort {
  readonly key: FleetSortKey;
  readonly descending: boolean;
}

const SORT_KEYS: readonly FleetSortKey[] = ["createdAt", "name", "mission", "lastFrameAt"];

/** The default: oldest first. */
export const DEFAULT_FLEET_SORT: FleetSort = Object.freeze({ key: "createdAt", descending: false });

/**
 * Parses `sort` (`name`, `-lastFrameAt`…); absent: {@link DEFAULT_FLEET_SORT}. Anything else
 * is a {@link ValidationError} on `sort`.
 */
export function parseFleetSort(text: string | undefined): FleetSort {
  if (text === undefined || text === "") return DEFAULT_FLEET_SORT;
  const descending = text.startsWith("-");
  const key = descending ? text.slice(1) : text;
  if (!(SORT_KEYS as readonly string[]).includes(key)) {
    throw new ValidationError(
      "sort",
      `must be one of ${SORT_KEYS.join(", ")}, with - for descending`,
      "enum",
    );
  }
  return { key: key as FleetSortKey, descending };
}

/**
 * The spacecraft in the order asked for. Text compares case-insensitively; absent values
 * (no mission, no frame yet) come last in either direction, as a user scanning a table expects;
 * ties keep the creation order.
 */
export function sortFleet<T extends Spacecraft>(items: readonly T[], sort: FleetSort): T[] {
  const sign = sort.descending ? -1 : 1;
  const byCreation = (a: T, b: T) => a.createdAt - b.createdAt || compareText(a.id, b.id);
  return [...items].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === null || y === null) {
      if (x === y) return byCreation(a, b);
      return x === null ? 1 : -1;
    }
    const order =
      typeof x === "number" && typeof y === "number" ? x - y : compareText(fold(String(x)), fold(String(y)));
    return order !== 0 ? sign * order : byCreation(a, b);
  });
}

/** Whether a spacecraft belongs to `mission`, compared case-insensitively. */
export function inMission(spacecraft: Spacecraft, mission: string): boolean {
  return spacecraft.mission !== null && fold(spacecraft.mission) === fold(mission);
}

/** A mission and how many spacecraft it has. */
export interface MissionSummary {
  /** As first written by the oldest spacecraft of the mission. */
  readonly mission: string;
  readonly spacecraft: number;
}

/**
 * The missions of the fleet, alphabetically (case-insensitive), each with its number of
 * spacecraft; missions differing only in case are one. Spacecraft without a mission are left out.
 */
export function missionsOf(fleet: readonly Spacecraft[]): MissionSummary[] {
  const byFolded = new Map<string, { mission: string; spacecraft: number; createdAt: number }>();
  for (const s of fleet) {
    if (s.mission === null) continue;
    const key = fold(s.mission);
    const known = byFolded.get(key);
    if (!known) byFolded.set(key, { mission: s.mission, spacecraft: 1, createdAt: s.createdAt });
    else {
      known.spacecraft++;
      if (s.createdAt < known.createdAt) {
        known.mission = s.mission;
        known.createdAt = s.createdAt;
      }
    }
  }
  return [...byFolded.values()]
    .sort((a, b) => compareFolded(a.mission, b.mission))
    .map(({ mission, spacecraft }) => ({ mission, spacecraft }));
}

function fold(text: string): string {
  return text.toLowerCase();
}

function compareFolded(a: string, b: string): number {
  return compareText(fold(a), fold(b)) || compareText(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
