import type { CounterValues } from "../ports/counters.js";
import type { StreamProgress } from "../ports/downlink-log.js";
import type { DownlinkStats } from "./downlink-report.js";

/** The downlink's counters as a log that keeps them stores them: every process's, since the first. */
export type DownlinkTotals = Omit<DownlinkStats, "buffered" | "errors">;

/** The names under which a downlink log adds to the {@link Counters} (`/api/stats`). */
export const DOWNLINK_COUNTERS: { readonly [K in keyof DownlinkTotals]: string } = Object.freeze({
  received: "downlinkReceived",
  accepted: "downlinkAccepted",
  duplicates: "downlinkDuplicates",
  conflicts: "downlinkConflicts",
  applied: "downlinkApplied",
  late: "downlinkLate",
  gaps: "downlinkGaps",
  unknownCommand: "downlinkUnknownCommand",
  unknownType: "downlinkUnknownType",
  telemetry: "downlinkTelemetry",
});

/**
 * What a save adds to the counters: its counts of applied frames and the missing seqs of its
 * gaps, by counter name, in name order, without zeros (an adapter locks the rows in this order).
 *
 * @example
 * savedCounts(progress); // [["downlinkApplied", 2], ["downlinkGaps", 1], ...]
 */
export function savedCounts(progress: StreamProgress): [string, number][] {
  let missing = 0;
  for (const gap of progress.gaps) missing += gap.toSeq - gap.fromSeq + 1;
  const counts: [string, number][] = [
    [DOWNLINK_COUNTERS.applied, progress.applied],
    [DOWNLINK_COUNTERS.late, progress.late],
    [DOWNLINK_COUNTERS.gaps, missing],
    [DOWNLINK_COUNTERS.unknownCommand, progress.unknownCommand],
    [DOWNLINK_COUNTERS.unknownType, progress.unknownType],
    [DOWNLINK_COUNTERS.telemetry, progress.telemetry],
  ];
  return counts.filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The downlink's totals among every counter's values (0 for one never added to).
 *
 * @example
 * downlinkTotalsOf(await counters.read()).duplicates; // 3
 */
export function downlinkTotalsOf(values: CounterValues): DownlinkTotals {
  const totals = {} as { -readonly [K in keyof DownlinkTotals]: number };
  for (const key of Object.keys(DOWNLINK_COUNTERS) as (keyof DownlinkTotals)[]) {
    totals[key] = values[DOWNLINK_COUNTERS[key]] ?? 0;
  }
  return totals;
}
