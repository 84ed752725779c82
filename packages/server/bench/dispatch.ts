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
  /** Commands submitted one by one in the latency run (default 1 000). */
  readonly latencyCommands?: number;
  /** Gap between submissions in the latency run (default 5 ms). */
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
    const latency = await measureLatency(
      server,
      options.latencyCommands ?? 1_000,
      options.latencyIntervalMs ?? 5,
    );
    return [
      {
        name: `dispatch: ${commands.toLocaleString("en-US")} ready commands, one sender, in-process spacecraft (PostgreSQL)`,
        value: commands / seconds,
        unit: "lifecycles/s",
        target: ">= 3500",
      },
      {
        name: "dispatch: submit → transmitted, transmit delay 0, p50",
        value: latency.p50,
        unit: "ms",
        target: "<= 5",
      },
      {
        name: "dispatch: submit → transmitted, transmit delay 0, p99",
        value: latency.p99,
        unit: "ms",
        target: "<= 20",
      },
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

/** Submits `count` commands `intervalMs` apart; the latency of each is from its submit call to its `transmitted` transition. */
async function measureLatency(server: RunningUplink, count: number, intervalMs: number) {
  const container = server.container;
  if (!container) throw new Error("the bench server has no container");
  const service = container.resolve<TelecommandService>(TELECOMMAND_SERVICE);
  const publisher = container.resolve<InProcessEventPublisher>(EVENT_PUBLISHER);
  const startedAt: number[] = [];
  const latencies: number[] = [];
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const off = publisher.subscribe(({ command, entry }) => {
    const probe = command.args.probe;
    if (entry.to !== "transmitted" || entry.ignored || typeof probe !== "number") return;
    latencies.push(performance.now() - (startedAt[probe] as number));
    if (latencies.length === count) done();
  });
  const submissions: Promise<unknown>[] = [];
  for (let probe = 0; probe < count; probe++) {
    startedAt[probe] = performance.now();
    submissions.push(service.submit({ name: "PING", args: { probe } }));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  await Promise.all(submissions);
  await all;
  off();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await runDispatchBench();
  console.table(rows.map((r) => ({ ...r, value: Number(r.value.toFixed(2)) })));
}
