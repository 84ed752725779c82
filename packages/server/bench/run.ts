import "reflect-metadata";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { reportBench } from "../../../tools/bench-table.js";
import { type BenchRow, runDispatchBench } from "./dispatch.js";

/**
 * `npm run bench` of @uplink/server, on PostgreSQL (`DATABASE_URL`, else the local default):
 * the dispatch benchmark, then the storage and submission benchmarks when their modules are
 * present. Prints one table and writes `bench-results.json` rows `{name, value, unit, target}`.
 * `BENCH_ONLY=dispatch` (a comma-separated list of names) runs only those, to iterate faster.
 */
const RESULTS = fileURLToPath(new URL("../bench-results.json", import.meta.url));
const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

type Bench = (options: { databaseUrl: string }) => Promise<BenchRow[]>;

async function optional(file: string, exported: string): Promise<Bench | null> {
  const url = new URL(file, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return null;
  const module = (await import(url.href)) as Record<string, unknown>;
  const bench = module[exported];
  return typeof bench === "function" ? (bench as Bench) : null;
}

const benches: [string, Bench | null][] = [
  ["dispatch", (options) => runDispatchBench(options)],
  ["storage", await optional("./storage.ts", "runStorageBench")],
  ["submissions", await optional("./submissions.ts", "runSubmissionBench")],
  ["telemetry", await optional("./telemetry.ts", "runTelemetryBench")],
  ["export", await optional("./export.ts", "runExportBench")],
];
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const rows: BenchRow[] = [];
for (const [name, bench] of benches) {
  if (only && !only.includes(name)) continue;
  if (!bench) {
    console.log(`(${name}: not present, skipped)`);
    continue;
  }
  const started = Date.now();
  console.log(`running the ${name} benchmark…`);
  rows.push(...(await bench({ databaseUrl })));
  console.log(`  ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
reportBench(rows, RESULTS);
console.log(`wrote ${RESULTS}`);
