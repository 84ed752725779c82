// Shared by every package's `npm run bench` (imported by relative path: it is tooling, not API).
import { writeFileSync } from "node:fs";
import type { LifecycleMachine } from "@uplink/core";
import { initialTransition, transition } from "xstate";

/** One benchmark figure, as written to `bench-results.json`. */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The target, e.g. ">= 100000"; empty when the row is for scale only. */
  readonly target: string;
}

/** Whether a row meets its target (rows without a target always do). */
export function meetsTarget(row: BenchRow): boolean {
  const match = /^(>=|<=|>|<)\s*([\d.]+)/.exec(row.target);
  if (!match) return true;
  const bound = Number(match[2]);
  switch (match[1]) {
    case ">=":
      return row.value >= bound;
    case "<=":
      return row.value <= bound;
    case ">":
      return row.value > bound;
    default:
      return row.value < bound;
  }
}

/** Prints the rows as a table and writes them to `file`. */
export function reportBench(rows: readonly BenchRow[], file: string): void {
  const lines = rows.map((r) => [
    r.name,
    formatNumber(r.value),
    r.unit,
    r.target || "-",
    meetsTarget(r) ? "ok" : "MISSED",
  ]);
  const header = ["benchmark", "value", "unit", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join("  ");
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(format(l));
  writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
}

function formatNumber(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2);
}

/**
 * The baseline every benchmark prints beside its own figure: XState's pure `transition()`
 * over a whole lifecycle (submit → transmitted → acknowledged → executed), nothing stored.
 */
export function xstateLifecyclesPerSecond(machine: LifecycleMachine, count: number): number {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    let [snapshot] = initialTransition(machine);
    for (const type of LIFECYCLE) [snapshot] = transition(machine, snapshot, { type });
    if (snapshot.value !== "executed") throw new Error(`lifecycle ended ${String(snapshot.value)}`);
  }
  return count / ((performance.now() - started) / 1000);
}

const LIFECYCLE = ["TRANSMIT", "ACCEPTED", "COMPLETED"] as const;

/** The median of some measurements (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
