import { type BenchRow, median } from "../../../tools/bench-table.js";
import {
  type DownlinkFrame,
  DownlinkProcessor,
  InMemoryDownlinkLog,
  InMemoryTelecommandRepository,
  InProcessEventPublisher,
  isPromiseLike,
  ManualClock,
  SeededRandom,
  TelecommandService,
} from "../src/index.js";

/** A processor on core's in-memory ports, and the report frames of `commands` transmitted commands. */
async function downlinkRig(commands: number) {
  const clock = new ManualClock(Date.UTC(2030, 0, 1));
  const repository = new InMemoryTelecommandRepository({ keepEventLog: false });
  const service = new TelecommandService(
    repository,
    clock,
    new SeededRandom(9),
    new InProcessEventPublisher(),
  );
  const downlink = new DownlinkProcessor(service, new InMemoryDownlinkLog(), clock);
  const frames: DownlinkFrame[] = [];
  let seq = 0;
  for (let i = 0; i < commands; i++) {
    const { command } = await service.submit({ name: "PING" });
    await service.apply(command.id, { type: "TRANSMIT" }, "sender", command);
    const time = clock.now();
    const base = { spacecraftId: "sc-1", time, commandId: command.id, success: true };
    frames.push({ ...base, seq: ++seq, type: "acceptance" });
    frames.push({ ...base, seq: ++seq, type: "completion" });
  }
  return { downlink, frames };
}

/** Acceptance and completion frames of `commands` commands, in batches of 100: frames/s. */
async function batchedFramesPerSecond(commands: number): Promise<number> {
  const { downlink, frames } = await downlinkRig(commands);
  const started = performance.now();
  for (let i = 0; i < frames.length; i += 100) await downlink.receive(frames.slice(i, i + 100));
  const rate = frames.length / ((performance.now() - started) / 1000);
  if (downlink.stats().applied !== frames.length) throw new Error(`applied ${downlink.stats().applied}`);
  return rate;
}

/**
 * The same frames one per `receive` call, as the simulator delivers them: frames/s, and the
 * share of calls answered at once (no promise: the services and the log all answered at once).
 */
async function singleFramesPerSecond(commands: number): Promise<{ rate: number; atOnce: number }> {
  const { downlink, frames } = await downlinkRig(commands);
  let atOnce = 0;
  const started = performance.now();
  for (const frame of frames) {
    const received = downlink.receive(frame);
    if (isPromiseLike(received)) await received;
    else atOnce++;
  }
  const rate = frames.length / ((performance.now() - started) / 1000);
  if (downlink.stats().applied !== frames.length) throw new Error(`applied ${downlink.stats().applied}`);
  return { rate, atOnce: atOnce / frames.length };
}

/**
 * The downlink rows of the core bench: report frames through the processor on core's
 * in-memory ports, in batches of 100 and one per call, median of `trials` (alternating, so that
 * both see the same drift of this machine).
 */
export async function downlinkBench(commands: number, trials: number): Promise<BenchRow[]> {
  await batchedFramesPerSecond(2_000);
  await singleFramesPerSecond(2_000);
  const batched: number[] = [];
  const single: number[] = [];
  let atOnce = 0;
  for (let trial = 0; trial < trials; trial++) {
    batched.push(await batchedFramesPerSecond(commands));
    const one = await singleFramesPerSecond(commands);
    single.push(one.rate);
    atOnce = one.atOnce;
  }
  return [
    {
      name: `downlink report frames applied (in-memory), median of ${trials}`,
      value: median(batched),
      unit: "frames/s",
      target: "",
    },
    {
      name: "downlink report frames, one per receive() (in-memory)",
      value: median(single),
      unit: "frames/s",
      target: "",
    },
    { name: "downlink receive() calls answered at once", value: atOnce, unit: "fraction", target: "" },
  ];
}
