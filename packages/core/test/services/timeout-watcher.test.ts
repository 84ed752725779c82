import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { Lifecycle } from "../../src/lifecycle/lifecycle.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import { createTimeoutWatcher } from "../../src/services/timeout-watcher.js";
import { pusLifecycle } from "../lifecycle/pus-lifecycle.js";
import { createHarness, ScriptedRandom, settle } from "./command-sender-harness.js";

const T0 = Date.UTC(2030, 0, 1);
const TIMEOUTS = { acceptanceMs: 60_000, executionMs: 300_000 };

/** Core without a sender: commands are transmitted by hand, and the watcher works alone. */
function setup(options: { lifecycle?: Lifecycle; observe?: boolean; sweepIntervalMs?: number } = {}) {
  const clock = new ManualClock(T0);
  const lifecycle = options.lifecycle ?? new Lifecycle();
  const repository = new InMemoryTelecommandRepository({ queuedStatuses: lifecycle.queuedStatuses });
  const publisher = new InProcessEventPublisher();
  const service = new TelecommandService(repository, clock, new SeededRandom(5), publisher, {
    lifecycle,
    timeouts: TIMEOUTS,
  });
  const watcher = createTimeoutWatcher(
    { service, repository, clock },
    { sweepIntervalMs: options.sweepIntervalMs ?? 0, batchSize: 3 },
  );
  if (options.observe !== false) publisher.subscribe(watcher.observe);
  const transmit = async () => {
    const { command } = await service.submit({ name: "PING" });
    const result = await service.apply(command.id, { type: "TRANSMIT" }, "sender");
    if (result.kind !== "applied") throw new Error("not transmitted");
    return result.command;
  };
  return { clock, repository, service, watcher, transmit };
}

describe("the timeout watcher", () => {
  it("fails a command without an acceptance report when the acceptance timeout ends", async () => {
    const h = createHarness({
      random: new ScriptedRandom([0]),
      sender: { transmitDelayMaxMs: 1_000 },
      timeouts: TIMEOUTS,
    });
    h.sender.start();
    const { command } = await h.service.submit({ name: "PING" });
    await h.clock.advanceAsync(0);
    expect((await h.service.get(command.id)).deadline).toBe(T0 + 60_000);
    await h.clock.advanceToAsync(T0 + 59_999);
    expect((await h.service.get(command.id)).status).toBe("transmitted");
    await h.clock.advanceToAsync(T0 + 60_000);
    expect(await h.service.get(command.id)).toMatchObject({
      status: "failed",
      failureReason: "timed_out",
      failedAt: T0 + 60_000,
    });
    expect((await h.service.history(command.id)).at(-1)).toMatchObject({
      from: "transmitted",
      to: "failed",
      source: "timeout",
      reason: "no acceptance report in time",
    });
    expect(h.sender.stats().timeouts).toBe(1);
    await h.sender.stop();
  });

  it.each([true, false])(
    "fails an acknowledged command without a completion report (events observed: %s)",
    async (observe) => {
      const h = createHarness({
        observe,
        random: new ScriptedRandom([0]),
        sender: { transmitDelayMaxMs: 1_000 },
        timeouts: TIMEOUTS,
      });
      h.sender.start();
      const { command } = await h.service.submit({ name: "PING" });
      h.sender.nudge();
      await h.clock.advanceAsync(0);
      await h.clock.advanceAsync(10_000);
      await h.service.apply(command.id, { type: "ACCEPTED" }, "spacecraft");
      await h.clock.advanceToAsync(T0 + 309_999);
      expect((await h.service.get(command.id)).status).toBe("acknowledged");
      await h.clock.advanceToAsync(T0 + 310_000);
      expect(await h.service.get(command.id)).toMatchObject({
        status: "failed",
        failureReason: "timed_out",
        failedAt: T0 + 310_000,
      });
      expect((await h.service.history(command.id)).at(-1)?.reason).toBe("no completion report in time");
      expect((await h.service.history(command.id)).filter((e) => e.ignored)).toEqual([]);
      await h.sender.stop();
    },
  );

  it("lets a command that completes in time alone, and keeps no timer afterwards", async () => {
    const h = setup();
    h.watcher.start();
    const command = await h.transmit();
    await h.clock.advanceAsync(1_000);
    await h.service.apply(command.id, { type: "ACCEPTED" }, "spacecraft");
    await h.service.apply(command.id, { type: "COMPLETED" }, "spacecraft");
    await settle();
    expect(h.clock.pending).toBe(0);
    await h.clock.advanceAsync(1_000_000);
    expect((await h.service.get(command.id)).status).toBe("executed");
    expect(h.watcher.stats()).toMatchObject({ timeouts: 0, tracked: 0 });
    await h.watcher.stop();
  });

  it("lets exactly one of a report and the timeout win when both land on the deadline", async () => {
    for (const reportFirst of [true, false]) {
      const h = setup();
      const command = await h.transmit();
      const report = () => void h.service.apply(command.id, { type: "ACCEPTED" }, "spacecraft");
      if (reportFirst) h.clock.schedule(60_000, report);
      h.watcher.start();
      if (!reportFirst) h.clock.schedule(60_000, report);
      await h.clock.advanceToAsync(T0 + 60_000);
      const stored = await h.service.get(command.id);
      const history = await h.service.history(command.id);
      if (reportFirst) {
        expect(stored.status).toBe("acknowledged");
        expect(history.map((e) => e.to)).toEqual(["ready", "transmitted", "acknowledged"]);
      } else {
        expect(stored).toMatchObject({ status: "failed", failureReason: "timed_out" });
        expect(history.map((e) => [e.to, e.ignored])).toEqual([
          ["ready", false],
          ["transmitted", false],
          ["failed", false],
          ["failed", true],
        ]);
      }
      await h.watcher.stop();
    }
  });

  it("recovers at start: overdue commands fail at once, the others at their deadline", async () => {
    const h = setup();
    const early = await h.transmit();
    await h.clock.advanceAsync(30_000);
    const late = await h.transmit();
    const acknowledged = await h.transmit();
    await h.service.apply(acknowledged.id, { type: "ACCEPTED" }, "spacecraft");
    await h.clock.advanceAsync(40_000);
    // A watcher that was not running (a restart): nothing timed out yet.
    expect((await h.service.get(early.id)).status).toBe("transmitted");
    const fresh = createTimeoutWatcher(
      { service: h.service, repository: h.repository, clock: h.clock },
      { batchSize: 2 },
    );
    fresh.start();
    await h.clock.advanceAsync(0);
    expect((await h.service.get(early.id)).status).toBe("failed");
    expect((await h.service.get(late.id)).status).toBe("transmitted");
    await h.clock.advanceToAsync(T0 + 90_000);
    expect((await h.service.get(late.id)).status).toBe("failed");
    expect((await h.service.get(acknowledged.id)).status).toBe("acknowledged");
    await h.clock.advanceToAsync(T0 + 330_000);
    expect((await h.service.get(acknowledged.id)).status).toBe("failed");
    expect(fresh.stats().timeouts).toBe(3);
    await fresh.stop();
  });

  it("sweeps for deadlines it never heard of when a sweep interval is set", async () => {
    const h = setup({ observe: false, sweepIntervalMs: 25_000 });
    h.watcher.start();
    const unseen = await h.transmit();
    await h.clock.advanceToAsync(T0 + 74_999);
    expect((await h.service.get(unseen.id)).status).toBe("transmitted");
    await h.clock.advanceToAsync(T0 + 75_000);
    expect(await h.service.get(unseen.id)).toMatchObject({ status: "failed", failedAt: T0 + 75_000 });
    expect(h.watcher.stats().sweeps).toBe(3);
    await h.watcher.stop();
  });

  it("watches a deadline that moved on without its event (another process acknowledged it)", async () => {
    const h = setup({ observe: false });
    h.watcher.start();
    const command = await h.transmit();
    h.watcher.track(command);
    await h.clock.advanceAsync(10_000);
    await h.service.apply(command.id, { type: "ACCEPTED" }, "spacecraft");
    await h.clock.advanceToAsync(T0 + 60_000);
    expect((await h.service.get(command.id)).status).toBe("acknowledged");
    await h.clock.advanceToAsync(T0 + 309_999);
    expect((await h.service.get(command.id)).status).toBe("acknowledged");
    await h.clock.advanceToAsync(T0 + 310_000);
    expect((await h.service.get(command.id)).status).toBe("failed");
    await h.watcher.stop();
  });

  it("times out a mission's own stages (a PUS-style started stage)", async () => {
    const h = setup({ lifecycle: new Lifecycle(pusLifecycle) });
    h.watcher.start();
    const command = await h.transmit();
    await h.service.apply(command.id, { type: "STARTED" }, "spacecraft");
    await h.clock.advanceToAsync(T0 + 299_999);
    expect((await h.service.get(command.id)).status).toBe("started");
    await h.clock.advanceToAsync(T0 + 300_000);
    expect(await h.service.get(command.id)).toMatchObject({ status: "failed", failureReason: "timed_out" });
    await h.watcher.stop();
  });

  it("does nothing after stop()", async () => {
    const h = setup();
    h.watcher.start();
    const command = await h.transmit();
    await h.watcher.stop();
    expect(h.clock.pending).toBe(0);
    await h.clock.advanceAsync(1_000_000);
    expect((await h.service.get(command.id)).status).toBe("transmitted");
  });

  it("brings every transmitted command to a final state in bounded time, whatever reports are lost", async () => {
    const report = fc.record({
      acceptedAfter: fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: null }),
      completedAfter: fc.option(fc.integer({ min: 0, max: 400_000 }), { nil: null }),
      fails: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(report, { minLength: 1, maxLength: 15 }), async (reports) => {
        const h = createHarness({ sender: { transmitDelayMaxMs: 5_000 }, timeouts: TIMEOUTS });
        h.sender.start();
        const ids: string[] = [];
        for (const r of reports) {
          const { command } = await h.service.submit({ name: "PING" });
          ids.push(command.id);
          const sentAt = () => h.uplink.sent.find((s) => s.command.id === command.id)?.at ?? 0;
          h.clock.schedule(5_000 + (r.acceptedAfter ?? 0), () => {
            if (r.acceptedAfter !== null)
              void h.service.apply(command.id, { type: "ACCEPTED" }, "spacecraft");
          });
          h.clock.schedule(5_000 + (r.completedAfter ?? 0), () => {
            if (r.completedAfter !== null && sentAt() > 0) {
              void h.service.apply(
                command.id,
                { type: r.fails ? "COMPLETION_FAILED" : "COMPLETED" },
                "spacecraft",
              );
            }
          });
        }
        const bound = 5_000 + TIMEOUTS.acceptanceMs + TIMEOUTS.executionMs + 120_000;
        await h.clock.advanceAsync(bound);
        for (const [i, id] of ids.entries()) {
          const stored = await h.service.get(id);
          expect(h.service.lifecycle.isFinal(stored.status)).toBe(true);
          const r = reports[i];
          if (r?.acceptedAfter === null && r.completedAfter === null) {
            expect(stored).toMatchObject({ status: "failed", failureReason: "timed_out" });
          }
        }
        await h.sender.stop();
        expect(h.clock.pending).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
