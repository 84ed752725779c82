import type { Awaitable } from "../awaitable.js";
import type { Instant, TelemetryValue } from "../types.js";

/** One value of one parameter, as a telemetry frame carried it. */
export interface TelemetryPoint {
  readonly spacecraftId: string;
  readonly name: string;
  readonly value: TelemetryValue;
  /** The frame's `time`. */
  readonly time: Instant;
  /** The frame's `seq`. */
  readonly seq: number;
}

/** A parameter's values over a time range, oldest first. */
export interface TelemetryRange {
  readonly spacecraftId: string;
  readonly name: string;
  /** Inclusive; absent: from the oldest kept. */
  readonly from?: Instant;
  /** Inclusive; absent: to the newest. */
  readonly to?: Instant;
  /** At most this many, the oldest of the range first. */
  readonly limit: number;
}

/**
 * Telemetry kept per spacecraft and parameter (SPEC §8): each parameter's latest value, where a
 * point with a lower `seq` than the one stored never overwrites it (a late frame), and every
 * point in a history (one per spacecraft, parameter and seq: the first write wins; the points
 * of one seq come from one frame, and an adapter may keep the first frame of a seq whole), kept
 * until pruned. A batch is recorded in one step (one statement on a database).
 *
 * @example
 * await archive.record([{ spacecraftId: "sc-1", name: "BATT_V", value: 28.1, time, seq: 7 }]);
 * await archive.latest(["sc-1"]); // [{ spacecraftId: "sc-1", name: "BATT_V", value: 28.1, time, seq: 7 }]
 */
export interface TelemetryArchive {
  /** Stores a batch of points (any order, duplicates allowed). */
  record(points: readonly TelemetryPoint[]): Awaitable<void>;
  /** The latest value of every parameter of these spacecraft, by spacecraft then name. */
  latest(spacecraftIds: readonly string[]): Awaitable<TelemetryPoint[]>;
  /** One parameter's history over a range, oldest first (by time, then seq). */
  history(range: TelemetryRange): Awaitable<TelemetryPoint[]>;
  /** Drops history whose time is before `before`; answers how many entries (points or frames). Latest values stay. */
  prune(before: Instant): Awaitable<number>;
}

export const TELEMETRY_ARCHIVE = Symbol.for("uplink.TelemetryArchive");

/**
 * The points a telemetry frame carries, one per parameter (none for another type of frame).
 *
 * @example
 * telemetryPointsOf({ spacecraftId: "sc-1", seq: 3, time, type: "telemetry", parameters: { MODE: "SAFE" } });
 */
export function telemetryPointsOf(frame: {
  readonly spacecraftId: string;
  readonly seq: number;
  readonly time: Instant;
  readonly type: string;
  readonly parameters?: Readonly<Record<string, TelemetryValue>>;
}): TelemetryPoint[] {
  if (frame.type !== "telemetry" || !frame.parameters) return [];
  const points: TelemetryPoint[] = [];
  for (const name of Object.keys(frame.parameters)) {
    points.push({
      spacecraftId: frame.spacecraftId,
      name,
      value: frame.parameters[name] as TelemetryValue,
      time: frame.time,
      seq: frame.seq,
    });
  }
  return points;
}
