import { fileURLToPath } from "node:url";
import { initialTransition, transition } from "xstate";
import {
  InMemoryTelecommandRepository,
  InProcessEventPublisher,
  Lifecycle,
  ManualClock,
  SeededRandom,
  TelecommandService,
} from "../src/index.js";
import { type BenchRow, reportBench } from "./bench-table.js";

const LIFECYCLE = ["TRANSMIT", "ACCEPTED", "COMPLETED"] as const;

/** Baseline: XState's pure transition() over the whole lifecycle, nothing stored. */
function xstateLifecyclesPerSecond(count: number): number {
  const { machine } = new Lifecycle();
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    let [snapshot] = initialTransition(machine);
    for (const type of LIFECYCLE) [snapshot] = transition(machine, snapshot, { type });
    if (snapshot.value !== "executed") throw new Error(`lifecycle ended ${String(snapshot.value)}`);
  }
  return count / ((performance.now() - started) / 1000);
}

/** The core's own path: submit and three reports through TelecommandService on the in-memory repository. */
async function serviceLifecyclesPerSecond(count: number): Promise<{ rate: number; heapMb: number }> {
  const clock = new ManualClock(Date.UTC(2030, 0, 1));
  const repository = new InMemoryTelecommandRepository({ keepEventLog: false });
  const service = new TelecommandService(
    repository,
    clock,
    new SeededRandom(7),
    new InProcessEventPublisher(),
  );
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const { command } = await service.submit({ name: "PING", args: { n: i } });
    let current = command;
    for (const type of LIFECYCLE) {
      const result = await service.apply(current.id, { type }, "spacecraft", current);
      if (result.kind !== "applied") throw new Error(`${type} was ${result.kind}`);
      current = result.command;
    }
    if (current.status !== "executed") throw new Error(`lifecycle ended ${current.status}`);
    clock.advance(1);
  }
  const rate = count / ((performance.now() - started) / 1000);
  return { rate, heapMb: process.memoryUsage().heapUsed / 2 ** 20 };
}

async function main(): Promise<void> {
  const count = Number(process.env.BENCH_LIFECYCLES ?? 200_000);
  xstateLifecyclesPerSecond(5_000);
  await serviceLifecyclesPerSecond(5_000);
  const xstateRate = xstateLifecyclesPerSecond(Math.min(count, 50_000));
  const service = await serviceLifecyclesPerSecond(count);
  const rows: BenchRow[] = [
    { name: "xstate transition() lifecycle (baseline)", value: xstateRate, unit: "lifecycles/s", target: "" },
    {
      name: "core services lifecycle (in-memory)",
      value: service.rate,
      unit: "lifecycles/s",
      target: ">= 100000",
    },
    { name: "core services / xstate ratio", value: service.rate / xstateRate, unit: "x", target: "" },
    { name: `heap after ${count} lifecycles`, value: service.heapMb, unit: "MiB", target: "" },
  ];
  reportBench(rows, fileURLToPath(new URL("../bench-results.json", import.meta.url)));
}

await main();
