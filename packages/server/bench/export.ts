import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createDatabase } from "../src/database/create-database.js";
import { migrate } from "../src/database/migrate.js";
import type { BenchRow } from "./dispatch.js";

/** Tuning of {@link runExportBench}. */
export interface ExportBenchOptions {
  readonly databaseUrl?: string;
  /** Commands stored and exported (default 1 000 000). */
  readonly commands?: number;
}

const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const SERVER_DIR = fileURLToPath(new URL("../", import.meta.url));
const MIB = 1024 * 1024;
/** The admin's token (SPEC §10): the export needs a reader, and no first admin is printed. */
const BENCH_ADMIN_TOKEN = "bench-admin-token-0123456789abcdef0123";

/**
 * `GET /api/telecommands/export` of `commands` stored commands (1 000 000 by default), as CSV
 * and as NDJSON (each command with its history of three entries), each from an API process of
 * its own (`uplink serve --role api` on PostgreSQL, a child process), read to the end by a
 * client: the peak resident memory of that process (its `VmHWM`, the kernel's high-water mark,
 * so no peak between samples is missed), and the commands exported per second. The commands
 * and their histories are written straight into the tables (the export reads what is stored,
 * not how it got there).
 *
 * @example
 * const rows = await runExportBench({ databaseUrl: "postgres://postgres@127.0.0.1:5432/postgres" });
 */
export async function runExportBench(options: ExportBenchOptions = {}): Promise<BenchRow[]> {
  const databaseUrl =
    options.databaseUrl ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const commands = options.commands ?? Number(process.env.BENCH_EXPORT_COMMANDS ?? 1_000_000);
  const schema = `uplink_bench_${randomBytes(4).toString("hex")}`;
  const admin = await createDatabase({ databaseUrl, schema });
  try {
    await migrate(admin.knex);
    await admin.knex.raw(
      `INSERT INTO telecommands (id, spacecraft_id, name, args, priority, status, created_at, updated_at, executed_at)
       SELECT gen_random_uuid(), 'sc-' || (n % 4 + 1), 'CMD_' || (n % 50), jsonb_build_object('n', n, 'note', 'a, "quoted" value'),
              n % 5 - 2, 'executed', 1900000000000 + n, 1900000000000 + n + 500, 1900000000000 + n + 400
       FROM generate_series(1, ?) AS n`,
      [commands],
    );
    await admin.knex.raw(
      `INSERT INTO telecommand_history (event_id, command_id, seq, from_status, to_status, at, source, actor)
       SELECT (c.n - 1) * 3 + h.seq, c.id, h.seq, h.from_status, h.to_status, c.created_at + h.seq * 100, h.source, h.actor
       FROM (SELECT id, created_at, row_number() OVER (ORDER BY created_at) AS n FROM telecommands) c
       CROSS JOIN (VALUES (1, NULL, 'ready', 'operator', 'ada'),
                          (2, 'ready', 'transmitted', 'sender', 'sender'),
                          (3, 'transmitted', 'executed', 'spacecraft', 'spacecraft'))
         AS h(seq, from_status, to_status, source, actor)`,
    );
    // A live database's autovacuum keeps its tables' statistics and visibility map; tables filled
    // a moment ago have neither, and their first reads would measure that, not the export.
    await admin.knex.raw("VACUUM ANALYZE telecommands, telecommand_history");
    const url = new URL(databaseUrl);
    url.searchParams.set("schema", schema);
    const scale = commands.toLocaleString("en");
    const csv = await exportFromApiProcess(url, "csv", commands);
    const ndjson = await exportFromApiProcess(url, "ndjson", commands);
    return [
      {
        name: `export ${scale} commands as CSV: peak RSS of the API process`,
        value: csv.peakMiB,
        unit: "MiB",
        target: "< 300",
      },
      { name: "export: RSS of the API process before it", value: csv.beforeMiB, unit: "MiB", target: "" },
      { name: "export: commands per second", value: csv.rowsPerSecond, unit: "rows/s", target: "" },
      {
        name: `export ${scale} commands as NDJSON with their histories: peak RSS of the API process`,
        value: ndjson.peakMiB,
        unit: "MiB",
        target: "",
      },
      {
        name: "export as NDJSON: commands per second",
        value: ndjson.rowsPerSecond,
        unit: "rows/s",
        target: "",
      },
    ];
  } finally {
    await admin.knex.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.close();
  }
}

/** One export, read to its end by a client, from an API process started for it alone. */
async function exportFromApiProcess(
  databaseUrl: URL,
  format: "csv" | "ndjson",
  commands: number,
): Promise<{ readonly peakMiB: number; readonly beforeMiB: number; readonly rowsPerSecond: number }> {
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", CLI, "serve", "--role", "api", "--port", "0"],
    {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl.toString(),
        LOG_LEVEL: "info",
        UPLINK_SPACECRAFT: "",
        UPLINK_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  try {
    const base = await readyUrl(child.stdout);
    const before = memoryOf(child.pid as number);
    const started = Date.now();
    const response = await fetch(`${base}/api/telecommands/export?format=${format}`, {
      headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
    });
    if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}`);
    let lines = 0;
    for await (const chunk of response.body) {
      for (const byte of chunk as Uint8Array) if (byte === 10) lines++;
    }
    const seconds = (Date.now() - started) / 1000;
    const after = memoryOf(child.pid as number);
    // CSV has a header line; NDJSON has none.
    const rows = format === "csv" ? lines - 1 : lines;
    if (rows !== commands) throw new Error(`exported ${rows} ${format} rows of ${commands}`);
    return {
      peakMiB: Math.round((after.peak / MIB) * 10) / 10,
      beforeMiB: Math.round((before.now / MIB) * 10) / 10,
      rowsPerSecond: Math.round(rows / seconds),
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

/** The process's resident memory now and its high-water mark, in bytes (Linux `/proc`). */
function memoryOf(pid: number): { readonly now: number; readonly peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) * 1024;
  return { now: kib("VmRSS"), peak: kib("VmHWM") };
}

/** Resolves with the URL of the process's ready line (its JSON logs). */
function readyUrl(stdout: NodeJS.ReadableStream | null): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!stdout) return reject(new Error("no output"));
    let buffer = "";
    const timer = setTimeout(() => reject(new Error("the API process did not get ready in 60 s")), 60_000);
    stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
      if (buffer.length > 1_000_000) buffer = buffer.slice(-10_000);
    });
  });
}
