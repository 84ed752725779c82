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
 * `GET /api/telecommands/export?format=csv` of `commands` stored commands (1 000 000 by
 * default) from an API process of its own (`uplink serve --role api` on PostgreSQL, a child
 * process), read to the end by a client: the peak resident memory of that process (its
 * `VmHWM`, the kernel's high-water mark, so no peak between samples is missed), and the rows
 * exported per second. The commands are written straight into the table (the export reads
 * what is stored, not how it got there).
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
    const url = new URL(databaseUrl);
    url.searchParams.set("schema", schema);
    const child = spawn(
      process.execPath,
      ["--conditions=source", "--import", "tsx", CLI, "serve", "--role", "api", "--port", "0"],
      {
        cwd: SERVER_DIR,
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
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
      const response = await fetch(`${base}/api/telecommands/export?format=csv`, {
        headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
      });
      if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}`);
      let lines = 0;
      for await (const chunk of response.body) {
        for (const byte of chunk as Uint8Array) if (byte === 10) lines++;
      }
      const seconds = (Date.now() - started) / 1000;
      const after = memoryOf(child.pid as number);
      const rows = lines - 1;
      if (rows !== commands) throw new Error(`exported ${rows} rows of ${commands}`);
      return [
        {
          name: `export ${commands.toLocaleString("en")} commands as CSV: peak RSS of the API process`,
          value: Math.round((after.peak / MIB) * 10) / 10,
          unit: "MiB",
          target: "< 300",
        },
        {
          name: "export: RSS of the API process before it",
          value: Math.round((before.now / MIB) * 10) / 10,
          unit: "MiB",
          target: "",
        },
        {
          name: "export: commands per second",
          value: Math.round(rows / seconds),
          unit: "rows/s",
          target: "",
        },
      ];
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  } finally {
    await admin.knex.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.close();
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
