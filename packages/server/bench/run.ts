import "reflect-metadata";
import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type BenchRow, runDispatchBench } from "./dispatch.js";

/**
 * `npm run bench` of @uplink/server, on PostgreSQL (`DATABASE_URL`, else the local default):
 * the dispatch benchmark, then the storage and submission benchmarks when their modules are
 * present. Prints one table and writes `bench-results.json` rows `{name, value, unit, target}`.
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

function meets(row: BenchRow): boolean {
  const match = /^(>=|<=)\s*([\d.]+)/.exec(row.target);
  if (!match) return true;
  return match[1] === ">=" ? row.value >= Number(match[2]) : row.value <= Number(match[2]);
}

function print(rows: readonly BenchRow[]): void {
  const cells = rows.map((r) => [
    r.name,
    r.value >= 100 ? Math.round(r.value).toLocaleString("en-US") : r.value.toFixed(2),
    r.unit,
    r.target || "-",
    meets(r) ? "ok" : "MISSED",
  ]);
  const header = ["benchmark", "value", "unit", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) =>
    c.map((v, i) => (i === 1 ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

const benches: [string, Bench | null][] = [
  ["dispatch", (options) => runDispatchBench(options)],
  ["storage", await optional("./storage.ts", "runStorageBench")],
  ["submissions", await optional("./submissions.ts", "runSubmissionBench")],
];
const rows: BenchRow[] = [];
for (const [name, bench] of benches) {
  if (!bench) {
    console.log(`(${name}: not present, skipped)`);
    continue;
  }
  const started = Date.now();
  console.log(`running the ${name} benchmark…`);
  rows.push(...(await bench({ databaseUrl })));
  console.log(`  ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
print(rows);
writeFileSync(RESULTS, `${JSON.stringify(rows, null, 2)}\n`);
console.log(`wrote ${RESULTS}`);
