import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import {
  SeededRandom,
  type Telecommand,
  type TelecommandRepository,
  type TransitionChange,
  uuidV7,
} from "@uplink/core";
import { makeTelecommand } from "@uplink/core/testing";
import type { Knex } from "knex";
import { KnexTelecommandRepository } from "../src/adapters/postgres/knex-telecommand-repository.js";
import { QueueLayout } from "../src/adapters/postgres/queue-layout.js";
import { claimQueued } from "../src/adapters/postgres/sql/claim-queued.js";
import type { Runner, SqlValue } from "../src/adapters/postgres/sql/sql-runner.js";
import { createDatabase } from "../src/database/create-database.js";
import type { Database } from "../src/database/database.js";
import { migrate } from "../src/database/migrate.js";

/** One benchmark figure (the shape of `bench-results.json` rows). */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** e.g. ">= 3000"; empty for figures shown for scale. */
  readonly target: string;
}

/** What {@link runStorageBench} measures and where. */
export interface StorageBenchOptions {
  /** PostgreSQL to measure on (a throw-away schema is created and dropped). */
  readonly databaseUrl?: string;
  /** Commands per throughput run (default 20 000). */
  readonly commands?: number | undefined;
  /** Rows in the table for the claim-at-scale figure (default 1 000 000; 0 skips it). */
  readonly scaleRows?: number | undefined;
  /** Also measure embedded PGlite (default true). */
  readonly pglite?: boolean;
}

const EPOCH = Date.UTC(2030, 0, 1);
const random = new SeededRandom(42);

function command(i: number, spacecraftId?: string): Telecommand {
  const createdAt = EPOCH + i;
  return makeTelecommand({
    id: uuidV7(createdAt, random),
    args: { n: i },
    priority: i % 5,
    createdAt,
    ...(spacecraftId === undefined ? {} : { spacecraftId }),
  });
}

function step(c: Telecommand, to: string, at: number): TransitionChange {
  const stamps =
    to === "transmitted"
      ? { transmittedAt: at }
      : to === "acknowledged"
        ? { acknowledgedAt: at }
        : { executedAt: at };
  return {
    id: c.id,
    expectedVersion: c.version,
    from: c.status,
    to,
    failureReason: null,
    stamps,
    deadline: to === "executed" ? null : at + 60_000,
    at,
    reason: null,
    source: to === "transmitted" ? "sender" : "spacecraft",
    actor: to === "transmitted" ? "sender" : "spacecraft",
  };
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** `concurrency` callers inserting `count` commands one call at a time (as HTTP requests do). */
async function insertRate(
  repo: TelecommandRepository,
  count: number,
  concurrency: number,
  offset: number,
  spacecraftOf?: (i: number) => string,
) {
  let next = 0;
  const seconds = await timed(async () => {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          await repo.insert(command(offset + i, spacecraftOf?.(i)), {
            key: `bench-${offset + i}`,
            fingerprint: "f",
          });
        }
      }),
    );
  });
  return count / seconds;
}

/**
 * A sender's loop: claim a batch, then move it through its lifecycle with batched transitions.
 * With several senders, sender `s` serves spacecraft `sc-s` (one owner serves a spacecraft's
 * queue at a time, so senders side by side share the work by spacecraft).
 */
async function batchedLifecycleRate(repo: TelecommandRepository, count: number, senders = 1) {
  let done = 0;
  const seconds = await timed(() =>
    Promise.all(
      Array.from({ length: senders }, (_, s) =>
        senderLoop(repo, count, `bench-${s}`, senders > 1 ? [`sc-${s}`] : undefined, (n) => {
          done += n;
          return done;
        }),
      ),
    ).then(() => undefined),
  );
  return done / seconds;
}

/** One sender: claims 500, moves them to executed in three batches, until `count` are done. */
async function senderLoop(
  repo: TelecommandRepository,
  count: number,
  owner: string,
  spacecraftIds: readonly string[] | undefined,
  finished: (n: number) => number,
): Promise<void> {
  const now = EPOCH + 1_000_000;
  for (let done = 0; done < count; ) {
    let batch = await repo.claim({
      owner,
      now,
      leaseMs: 60_000,
      limit: 500,
      statuses: ["ready"],
      ...(spacecraftIds === undefined ? {} : { spacecraftIds }),
    });
    if (batch.length === 0) break;
    for (const to of ["transmitted", "acknowledged", "executed"]) {
      // Submitted together, the group commit writes them in one statement.
      const outcomes = await Promise.all(batch.map((c) => repo.transition(step(c, to, now))));
      batch = outcomes.map((o) => {
        if (!o.ok) throw new Error(`transition to ${to} lost its compare-and-set`);
        return o.command;
      });
    }
    done = finished(batch.length);
  }
  // As a sender does when it stops: its holds on the spacecraft's queues go with it.
  await repo.release(owner);
}

/** One caller at a time on an idle database: the latency floor of insert and transition. */
async function idleLatency(repo: TelecommandRepository, count: number, offset: number) {
  const inserts: number[] = [];
  const transitions: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = command(offset + i);
    let started = performance.now();
    await repo.insert(c);
    inserts.push(performance.now() - started);
    started = performance.now();
    const outcome = await repo.transition(step(c, "transmitted", c.createdAt));
    transitions.push(performance.now() - started);
    if (!outcome.ok) throw new Error("transition lost its compare-and-set");
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return { insert: median(inserts), transition: median(transitions) };
}

/** Reports handled one by one by concurrent callers (group commit coalesces them). */
async function concurrentLifecycleRate(repo: TelecommandRepository, count: number, concurrency: number) {
  const now = EPOCH + 2_000_000;
  const claimed: Telecommand[] = [];
  for (;;) {
    const batch = await repo.claim({
      owner: "bench-2",
      now,
      leaseMs: 600_000,
      limit: 500,
      statuses: ["ready"],
    });
    if (batch.length === 0 || claimed.length >= count) break;
    claimed.push(...batch);
  }
  let next = 0;
  const latencies: number[] = [];
  const seconds = await timed(async () => {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < claimed.length) {
          let c = claimed[next++] as Telecommand;
          for (const to of ["transmitted", "acknowledged", "executed"]) {
            const started = performance.now();
            const outcome = await repo.transition(step(c, to, now));
            latencies.push(performance.now() - started);
            if (!outcome.ok) throw new Error(`transition to ${to} lost its compare-and-set`);
            c = outcome.command;
          }
        }
      }),
    );
  });
  await repo.release("bench-2");
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rate: claimed.length / seconds, p50: p(0.5), p99: p(0.99) };
}

/** Claim latency with `rows` commands stored, two thirds of them final. */
async function claimAtScale(db: Database, repo: TelecommandRepository, rows: number) {
  await db.knex.raw(
    `INSERT INTO telecommands (id, spacecraft_id, name, args, priority, status, created_at, updated_at, version)
     SELECT gen_random_uuid(), 'sc-' || (g % 4), 'PING', '{}'::jsonb, g % 5,
       CASE WHEN g % 3 = 0 THEN 'ready' ELSE 'executed' END, ?::bigint + g, ?::bigint + g, 4
     FROM generate_series(1, ?::int) g`,
    [EPOCH, EPOCH, rows],
  );
  await db.knex.raw("ANALYZE telecommands");
  // EXPLAIN (without running it) the very statement a claim sends.
  const plans: string[] = [];
  const explain: Runner = {
    async rows<T>(sql: string, bindings: readonly SqlValue[]): Promise<T[]> {
      const result = await db.knex.raw(`EXPLAIN ${sql}`, bindings as Knex.RawBinding[]);
      plans.push(...(result.rows as { "QUERY PLAN": string }[]).map((row) => row["QUERY PLAN"]));
      return [];
    },
  };
  const layout = new QueueLayout();
  await claimQueued(
    explain,
    { owner: "plan", now: EPOCH, leaseMs: 1, limit: 100, statuses: ["ready"] },
    layout,
  );
  const dispatchIndex = layout.indexes()[0]?.name ?? "";
  const usesIndex = plans.some((line) => line.includes(dispatchIndex));
  const times: number[] = [];
  const now = EPOCH + 3_000_000;
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    // One sender claiming again and again: its hold on the spacecraft's
    // queues is its own, so each claim reaches the next hundred.
    const claimed = await repo.claim({
      owner: "scale",
      now,
      leaseMs: 600_000,
      limit: 100,
      statuses: ["ready"],
    });
    times.push(performance.now() - started);
    if (claimed.length !== 100) throw new Error(`claimed ${claimed.length}`);
    // As the sender does: what it claimed leaves the queue before the next claim.
    await Promise.all(claimed.map((c) => repo.transition(step(c, "transmitted", now))));
  }
  await repo.release("scale");
  times.sort((a, b) => a - b);
  return { p50: times[25] ?? 0, usesIndex };
}

async function openBenchDatabase(kind: "postgres" | "pglite", databaseUrl: string) {
  if (kind === "pglite") {
    const db = await createDatabase({ inMemory: true });
    await migrate(db.knex);
    return { db, dispose: () => db.close() };
  }
  const schema = `uplink_bench_${randomBytes(4).toString("hex")}`;
  const db = await createDatabase({ databaseUrl, schema });
  await migrate(db.knex);
  return {
    db,
    async dispose() {
      await db.knex.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
      await db.close();
    },
  };
}

/**
 * Measures the storage layer alone: group-committed inserts, sender-style batched lifecycles,
 * one-by-one reports under concurrency, and claiming with a large table. Runs on PostgreSQL in
 * a throw-away schema (and on PGlite for scale). Returns rows for `bench-results.json`.
 *
 * @example
 * const rows = await runStorageBench({ databaseUrl: process.env.DATABASE_URL });
 */
export async function runStorageBench(options: StorageBenchOptions = {}): Promise<BenchRow[]> {
  const databaseUrl =
    options.databaseUrl ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const count = options.commands ?? 20_000;
  const rows: BenchRow[] = [];
  const kinds = options.pglite === false ? (["postgres"] as const) : (["postgres", "pglite"] as const);
  for (const kind of kinds) {
    const { db, dispose } = await openBenchDatabase(kind, databaseUrl);
    try {
      const repo = new KnexTelecommandRepository(db);
      const pg = kind === "postgres";
      await insertRate(repo, 500, 50, 10_000_000);
      await batchedLifecycleRate(repo, 500);
      const inserts = await insertRate(repo, count, 50, 0);
      rows.push({
        name: `storage ${kind}: inserts, 50 concurrent callers`,
        value: inserts,
        unit: "commands/s",
        target: pg ? ">= 3000" : "",
      });
      const batched = await batchedLifecycleRate(repo, count);
      rows.push({
        name: `storage ${kind}: lifecycles, claim + batched transitions`,
        value: batched,
        unit: "lifecycles/s",
        target: pg ? ">= 3500" : "",
      });
      if (pg) {
        await insertRate(repo, count, 50, 3_000_000, (i) => `sc-${i % 2}`);
        rows.push({
          name: `storage ${kind}: lifecycles, two senders side by side`,
          value: await batchedLifecycleRate(repo, count, 2),
          unit: "lifecycles/s",
          target: "",
        });
      }
      const idle = await idleLatency(repo, 200, 4_000_000);
      rows.push({
        name: `storage ${kind}: insert latency p50, one caller`,
        value: idle.insert,
        unit: "ms",
        target: "",
      });
      rows.push({
        name: `storage ${kind}: transition latency p50, one caller`,
        value: idle.transition,
        unit: "ms",
        target: "",
      });
      await insertRate(repo, count / 4, 50, 1_000_000);
      const single = await concurrentLifecycleRate(repo, count / 4, 100);
      rows.push({
        name: `storage ${kind}: lifecycles, one transition() per report, 100 callers`,
        value: single.rate,
        unit: "lifecycles/s",
        target: "",
      });
      rows.push({
        name: `storage ${kind}: transition() latency p50 under that load`,
        value: single.p50,
        unit: "ms",
        target: "",
      });
      rows.push({
        name: `storage ${kind}: transition() latency p99 under that load`,
        value: single.p99,
        unit: "ms",
        target: "",
      });
      const scaleRows = options.scaleRows ?? 1_000_000;
      if (pg && scaleRows > 0) {
        const scale = await claimAtScale(db, repo, scaleRows);
        rows.push({
          name: `storage ${kind}: claim 100 of ${scaleRows.toLocaleString("en-US")} rows, p50`,
          value: scale.p50,
          unit: "ms",
          target: "<= 5",
        });
        rows.push({
          name: `storage ${kind}: claim plan uses the partial ready index`,
          value: scale.usesIndex ? 1 : 0,
          unit: "bool",
          target: ">= 1",
        });
        const started = performance.now();
        await repo.countByStatus();
        rows.push({
          name: `storage ${kind}: countByStatus with ${scaleRows.toLocaleString("en-US")} rows`,
          value: performance.now() - started,
          unit: "ms",
          target: "",
        });
      }
    } finally {
      await dispose();
    }
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await runStorageBench({
    commands: process.env.BENCH_COMMANDS ? Number(process.env.BENCH_COMMANDS) : undefined,
    scaleRows: process.env.BENCH_SCALE_ROWS ? Number(process.env.BENCH_SCALE_ROWS) : undefined,
  });
  for (const r of rows)
    console.log(
      `${r.name.padEnd(72)} ${r.value.toFixed(r.value >= 100 ? 0 : 2).padStart(10)} ${r.unit.padEnd(13)} ${r.target}`,
    );
}
