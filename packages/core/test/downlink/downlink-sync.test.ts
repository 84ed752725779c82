import { createHook } from "node:async_hooks";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryDownlinkLog } from "../../src/adapters/in-memory-downlink-log.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { isPromiseLike } from "../../src/awaitable.js";
import type { DownlinkProcessorOptions } from "../../src/downlink/downlink-options.js";
import { DownlinkProcessor } from "../../src/downlink/downlink-processor.js";
import type { AppliedFrame } from "../../src/downlink/downlink-report.js";
import type { DownlinkLog, StreamProgress } from "../../src/ports/downlink-log.js";
import type { DownlinkFrame } from "../../src/types.js";
import { AtOnceReportService } from "../support/at-once-report-service.js";
import { report, T0, telemetry } from "./downlink-fixture.js";

const GAP = 5_000;

/** The in-memory log answering with promises, as a database does. */
class PromisedLog implements DownlinkLog {
  private readonly log = new InMemoryDownlinkLog();
  append = async (frame: DownlinkFrame, at: number) => this.log.append(frame, at);
  load = async (spacecraftId: string) => this.log.load(spacecraftId);
  save = async (progress: StreamProgress) => this.log.save(progress);
}

function rig(promised: boolean, options: Partial<DownlinkProcessorOptions> = {}) {
  const clock = new ManualClock(T0);
  const service = new AtOnceReportService(promised);
  const applied: AppliedFrame[] = [];
  const log = promised ? new PromisedLog() : new InMemoryDownlinkLog();
  const downlink = new DownlinkProcessor(service, log, clock, {
    onFrame: (a) => applied.push(a),
    ...options,
  });
  return { clock, service, applied, downlink };
}

/** Calls `run`, counting the promises made meanwhile. */
function promisesMadeBy<T>(run: () => T): { result: T; promises: number } {
  let promises = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === "PROMISE") promises++;
    },
  }).enable();
  try {
    return { result: run(), promises };
  } finally {
    hook.disable();
  }
}

describe("DownlinkProcessor on ports that answer at once", () => {
  it("receives, applies, skips gaps on its timer and saves without making a promise", () => {
    const { clock, service, applied, downlink } = rig(false);
    const [a, b] = service.transmitted(2) as [string, string];
    const frames = [
      report(2, "completion", a),
      report(1, "acceptance", a),
      report(4, "acceptance", b),
      telemetry(5, { V: 1 }),
      report(1, "acceptance", a),
      report(1, "acceptance", a, false),
    ];
    const received = promisesMadeBy(() => frames.map((frame) => downlink.receive(frame)));
    expect(received.promises).toBe(0);
    expect(received.result.some(isPromiseLike)).toBe(false);
    expect(received.result.at(-1)).toMatchObject({ conflicts: 1, pending: 2 });
    expect(applied.map((x) => x.frame.seq)).toEqual([1, 2]);
    expect(clock.pending).toBe(1);

    const expired = promisesMadeBy(() => clock.advance(GAP));
    expect(expired.promises).toBe(0);
    expect(applied.map((x) => x.frame.seq)).toEqual([1, 2, 4, 5]);
    expect(downlink.recentGaps()).toEqual([
      { spacecraftId: "sc-1", fromSeq: 3, toSeq: 3, at: T0 + GAP, cause: "timeout" },
    ]);
    expect(service.commands.get(a)?.status).toBe("executed");
    expect(service.commands.get(b)?.status).toBe("acknowledged");
    expect(downlink.stats()).toMatchObject({
      received: 6,
      duplicates: 1,
      conflicts: 1,
      gaps: 1,
      buffered: 0,
    });
  });

  it("decides exactly as on promised ports, whatever the delivery", () => {
    const arb = fc.record({
      count: fc.integer({ min: 1, max: 30 }),
      order: fc.array(fc.integer(), { minLength: 30, maxLength: 30 }),
      lost: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
      copies: fc.array(fc.nat(29)),
      batch: fc.integer({ min: 1, max: 5 }),
      waits: fc.array(fc.integer({ min: 0, max: GAP }), { minLength: 30, maxLength: 30 }),
      concurrency: fc.constantFrom(1, 4),
    });
    return fc.assert(
      fc.asyncProperty(arb, async ({ count, order, lost, copies, batch, waits, concurrency }) => {
        const runs = [
          rig(false, { applyConcurrency: concurrency, maxBuffered: 6 }),
          rig(true, { maxBuffered: 6 }),
        ];
        for (const run of runs) {
          const ids = run.service.transmitted(4);
          const frames = Array.from({ length: count }, (_, i) =>
            i % 3 === 2
              ? telemetry(i + 1, { V: i })
              : report(i + 1, i % 3 === 0 ? "acceptance" : "completion", ids[i % 4] as string),
          );
          const delivered = [
            ...frames.filter((f) => !lost[f.seq - 1]),
            ...copies.map((i) => frames[i % count]),
          ]
            .map((frame, i) => ({ frame: frame as DownlinkFrame, key: order[i % order.length] as number }))
            .sort((x, y) => x.key - y.key)
            .map((x) => x.frame);
          for (let i = 0, turn = 0; i < delivered.length; i += batch, turn++) {
            await run.downlink.receive(delivered.slice(i, i + batch));
            await run.clock.advanceAsync(waits[turn % waits.length] as number);
          }
          await run.clock.advanceAsync(GAP);
          await run.downlink.idle();
        }
        const [atOnce, promised] = runs as [ReturnType<typeof rig>, ReturnType<typeof rig>];
        const decisions = (r: ReturnType<typeof rig>) =>
          r.applied.map((x) => `${x.frame.seq}:${x.outcome}:${x.late}`);
        expect(decisions(atOnce)).toEqual(decisions(promised));
        // Waves start each command's reports together: the order holds per command.
        const byCommand = (r: ReturnType<typeof rig>) =>
          [...r.service.commands.keys()].map((id) => r.service.events.filter((e) => e.startsWith(`${id}:`)));
        expect(byCommand(atOnce)).toEqual(byCommand(promised));
        expect(atOnce.downlink.recentGaps()).toEqual(promised.downlink.recentGaps());
        expect(atOnce.downlink.stats()).toEqual(promised.downlink.stats());
      }),
      { numRuns: 100 },
    );
  });
});
