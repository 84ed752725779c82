import { fileURLToPath } from "node:url";
import { type BenchRow, median, reportBench, xstateLifecyclesPerSecond } from "../../../tools/bench-table.js";
import {
  InMemoryTelecommandRepository,
  InProcessEventPublisher,
  Lifecycle,
  ManualClock,
  SeededRandom,
  TelecommandService,
} from "../src/index.js";
import { downlinkBench } from "./downlink-bench.js";

const LIFECYCLE = ["TRANSMIT", "ACCEPTED", "COMPLETED"] as const;

/** The core's own path: submit and three reports through TelecommandService on the in-memory repository. */
async function serviceLifecyclesPerSecond(count: number): Promise<{ rate: number; heapMb: number }> {
  const clock = new ManualClock(Date.UTC(2030, 0, 1));
  // Default options, as a user gets them: every history row and the event log are kept.
  const repository = new InMemoryTelecommandRepository();
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
  const trials = Math.max(1, Number(process.env.BENCH_TRIALS ?? 5));
  xstateLifecyclesPerSecond(new Lifecycle().machine, 5_000);
  await serviceLifecyclesPerSecond(5_000);
  // This VM's speed drifts by up to 2x within minutes, so each figure is the median of several
  // trials, and the baseline's trials alternate with the services' so that both see the same drift.
  const xstateRates: number[] = [];
  const serviceRates: number[] = [];
  let heapMb = 0;
  for (let trial = 0; trial < trials; trial++) {
    xstateRates.push(xstateLifecyclesPerSecond(new Lifecycle().machine, Math.min(count, 50_000)));
    const service = await serviceLifecyclesPerSecond(count);
    serviceRates.push(service.rate);
    if (trial === 0) heapMb = service.heapMb;
  }
  const xstateRate = median(xstateRates);
  const serviceRate = median(serviceRates);
  const downlink = await downlinkBench(Math.min(count, 100_000), trials);
  const rows: BenchRow[] = [
    { name: "xstate transition() lifecycle (baseline)", value: xstateRate, unit: "lifecycles/s", target: "" },
    {
      name: `core services lifecycle (in-memory), median of ${trials}`,
      value: serviceRate,
      unit: "lifecycles/s",
      target: ">= 100000",
    },
    {
      name: "core services lifecycle, slowest trial",
      value: Math.min(...serviceRates),
      unit: "lifecycles/s",
      target: "",
    },
    { name: "core services / xstate ratio", value: serviceRate / xstateRate, unit: "x", target: "" },
    ...downlink,
    { name: `heap after ${count} lifecycles`, value: heapMb, unit: "MiB", target: "" },
  ];
  reportBench(rows, fileURLToPath(new URL("../bench-results.json", import.meta.url)));
}

await main();
