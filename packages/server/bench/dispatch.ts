import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { EVENT_PUBLISHER, InProcessEventPublisher, TelecommandService } from "@uplink/core";
import { CryptoRandom } from "../src/adapters/node/crypto-random.js";
import { SystemClock } from "../src/adapters/node/system-clock.js";
import { KnexTelecommandRepository } from "../src/adapters/postgres/knex-telecommand-repository.js";
import { TELECOMMAND_SERVICE } from "../src/composition/tokens.js";
import { type RunningUplink, startUplink } from "../src/composition-root.js";
import { loadConfig } from "../src/config.js";
import { createDatabase } from "../src/database/create-database.js";
import type { Database } from "../src/database/database.js";
import { migrate } from "../src/database/migrate.js";

/** One benchmark figure (the shape of `bench-results.json` rows). */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** e.g. ">= 3500"; empty for figures shown for scale. */
  readonly target: string;
}

export interface DispatchBenchOptions {
  /** PostgreSQL to measure on; a throw-away schema is created and dropped. */
  readonly databaseUrl?: string;
  /** Ready commands dispatched in the throughput run (default 20 000). */
  readonly commands?: number;
  /** Commands submitted in each latency run (default 1 000). */
  readonly latencyCommands?: number;
  /** Gap between submissions in the loaded latency run (default 5 ms: 200/s). */
  readonly latencyIntervalMs?: number;
}

const FINAL = new Set(["executed", "failed"]);

/** The whole server on `schema`: one sender, the in-process spacecraft, every delay 0, always in contact. */
function benchConfig(databaseUrl: string, schema: string) {
  const url = new URL(databaseUrl);
  url.searchParams.set("schema", schema);
  return loadConfig([], {
    DATABASE_URL: url.toString(),
    PORT: "0",
    LOG_LEVEL: "silent",
    UPLINK_CONTACTS: "always",
    UPLINK_TRANSMIT_DELAY_MAX_MS: "0",
    UPLINK_ACK_DELAY_MAX_MS: "0",
    UPLINK_EXEC_DELAY_MAX_MS: "0",
    // A chosen admin token, so that the first start prints no credentials into the bench's table.
    UPLINK_ADMIN_TOKEN: "bench-admin-token-0123456789abcdef0123",
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * Throughput: `commands` ready commands stored first, then the server starts and its one
 * sender dispatches them to the in-process spacecraft, whose reports come back through the
 * downlink: full lifecycles (to executed or failed) per second. Latency: commands submitted
 * one at a time to the running server, from the submit call to the `transmitted` transition.
 *
 * @example
 * const rows = await runDispatchBench({ databaseUrl: "postgres://postgres@127.0.0.1:5432/postgres" });
 */
export async function runDispatchBench(options: DispatchBenchOptions = {}): Promise<BenchRow[]> {
  const databaseUrl =
    options.databaseUrl ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const commands = options.commands ?? 20_000;
  const schema = `uplink_bench_${randomBytes(4).toString("hex")}`;
  const admin = await createDatabase({ databaseUrl, schema });
  let server: RunningUplink | null = null;
  try {
    await migrate(admin.knex);
    await seed(admin, commands);
    let finished: (seconds: number) => void = () => undefined;
    const dispatched = new Promise<number>((resolve) => {
      finished = resolve;
    });
    server = await startUplink(benchConfig(databaseUrl, schema), {
      // Runs before the sender starts: the clock starts with it.
      register: (container) => {
        const started = performance.now();
        let final = 0;
        const off = container.resolve<InProcessEventPublisher>(EVENT_PUBLISHER).subscribe(({ entry }) => {
          if (entry.ignored || !FINAL.has(entry.to)) return;
          final++;
          if (final === commands) {
            off();
            finished((performance.now() - started) / 1000);
          }
        });
      },
    });
    const seconds = await dispatched;
    const latencyCommands = options.latencyCommands ?? 1_000;
    const interval = options.latencyIntervalMs ?? 5;
    const latency = await measureLatency(server, latencyCommands, 1, true);
    const loaded = await measureLatency(server, latencyCommands, interval, false);
    const row = (name: string, value: number, unit: string, target: string): BenchRow => ({
      name,
      value,
      unit,
      target,
    });
    return [
      row(
        `dispatch: ${commands.toLocaleString("en-US")} ready commands, one sender, in-process spacecraft (PostgreSQL)`,
        commands / seconds,
        "lifecycles/s",
        ">= 3500",
      ),
      row("dispatch: submit → transmitted, transmit delay 0, one at a time, p50", latency.p50, "ms", "<= 5"),
      row("dispatch: submit → transmitted, transmit delay 0, one at a time, p99", latency.p99, "ms", "<= 20"),
      row(
        `dispatch: submit → transmitted, at ${Math.round(1000 / interval)} submissions/s, p50`,
        loaded.p50,
        "ms",
        "",
      ),
      row(
        `dispatch: submit → transmitted, at ${Math.round(1000 / interval)} submissions/s, p99`,
        loaded.p99,
        "ms",
        "",
      ),
    ];
  } finally {
    await server?.stop();
    await admin.knex.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]).catch(() => undefined);
    await admin.close();
  }
}

/** Stores `count` ready commands (submitted concurrently, as operators would, before the sender runs). */
async function seed(db: Database, count: number): Promise<void> {
  const service = new TelecommandService(
    new KnexTelecommandRepository(db),
    new SystemClock(),
    new CryptoRandom(),
    new InProcessEventPublisher(),
  );
  const concurrency = 200;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        await service.submit({ name: "PING", args: { i } });
      }
    }),
  );
}

/**
 * Latency from the submit call to the `transmitted` transition. `sequential`: one command at a
 * time, the next once the previous one's lifecycle is over (graphile-worker's method: add a job,
 * wait for it to start); otherwise submitted `intervalMs` apart regardless (load).
 */
async function measureLatency(server: RunningUplink, count: number, intervalMs: number, sequential: boolean) {
  const container = server.container;
  if (!container) throw new Error("the bench server has no container");
  const service = container.resolve<TelecommandService>(TELECOMMAND_SERVICE);
  const publisher = container.resolve<InProcessEventPublisher>(EVENT_PUBLISHER);
  const startedAt: number[] = [];
  const latencies: number[] = [];
  const waiters = new Map<number, () => void>();
  const off = publisher.subscribe(({ command, entry }) => {
    const probe = command.args.probe;
    if (typeof probe !== "number" || entry.ignored) return;
    if (entry.to === "transmitted") latencies.push(performance.now() - (startedAt[probe] as number));
    if (FINAL.has(entry.to)) waiters.get(probe)?.();
  });
  const ends: Promise<void>[] = [];
  for (let probe = 0; probe < count; probe++) {
    const end = new Promise<void>((resolve) => waiters.set(probe, resolve));
    ends.push(end);
    startedAt[probe] = performance.now();
    await service.submit({ name: "PING", args: { probe } });
    if (sequential) await end;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  await Promise.all(ends);
  off();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await runDispatchBench();
  console.table(rows.map((r) => ({ ...r, value: Number(r.value.toFixed(2)) })));
}
