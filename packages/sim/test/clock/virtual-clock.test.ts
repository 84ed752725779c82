import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/clock/virtual-clock.js";

describe("VirtualClock", () => {
  it("runs events in (time, insertion) order, matching a sorted model, with cancellations", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ delay: fc.integer({ min: 0, max: 50 }), cancel: fc.boolean() }), {
          maxLength: 3000,
        }),
        async (ops) => {
          const clock = new VirtualClock(1000);
          const ran: number[] = [];
          const handles = ops.map((op, i) => clock.schedule(op.delay, () => ran.push(i)));
          ops.forEach((op, i) => {
            if (op.cancel) clock.cancel(handles[i]);
          });
          const expected = ops
            .map((op, i) => ({ ...op, i }))
            .filter((op) => !op.cancel)
            .sort((a, b) => a.delay - b.delay || a.i - b.i)
            .map((op) => op.i);
          expect(clock.pending).toBe(expected.length);
          clock.runAll();
          expect(ran).toEqual(expected);
          expect(clock.pending).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("runs each event's callback to its end, synchronously, before the next event", () => {
    const clock = new VirtualClock(0);
    const log: string[] = [];
    clock.schedule(10, () => {
      log.push(`first at ${clock.now()}`);
      // Promise work is no part of an event: core's services answer at once on the simulator's ports.
      void Promise.resolve().then(() => log.push("microtask"));
      clock.schedule(0, () => log.push(`scheduled at ${clock.now()}`));
    });
    clock.schedule(11, () => log.push(`next event at ${clock.now()}`));
    expect(clock.runUntil(100)).toBe(3);
    expect(log).toEqual(["first at 10", "scheduled at 10", "next event at 11"]);
    expect(clock.now()).toBe(100);
  });

  it("drops the timers of an ended scope, unrun, and keeps the others", () => {
    const clock = new VirtualClock(0);
    const scope = clock.scope();
    const ran: string[] = [];
    scope.schedule(5, () => ran.push("scoped"));
    const cancelled = scope.schedule(6, () => ran.push("cancelled"));
    scope.cancel(cancelled);
    clock.schedule(7, () => ran.push("world"));
    expect(scope.now()).toBe(0);
    expect(clock.pending).toBe(2);
    scope.end();
    scope.schedule(1, () => ran.push("after the end"));
    expect(clock.runAll()).toBe(1);
    expect(ran).toEqual(["world"]);
    expect(clock.pending).toBe(0);
  });

  it("runs events scheduled during the run, including zero delays at the current instant", async () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    clock.schedule(5, () => {
      seen.push(clock.now());
      clock.schedule(0, () => seen.push(clock.now()));
      clock.schedule(-3, () => seen.push(clock.now()));
      clock.schedule(10, () => seen.push(clock.now()));
    });
    expect(clock.runUntil(14)).toBe(3);
    expect(seen).toEqual([5, 5, 5]);
    expect(clock.runUntil(15)).toBe(1);
    expect(seen).toEqual([5, 5, 5, 15]);
  });

  it("never moves backwards and leaves later events pending", async () => {
    const clock = new VirtualClock(500);
    clock.schedule(1000, () => undefined);
    clock.runUntil(100);
    expect(clock.now()).toBe(500);
    expect(clock.pending).toBe(1);
    expect(clock.nextEventTime()).toBe(1500);
  });

  it("steps one event at a time and reports when none is left", async () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    clock.schedule(2, () => seen.push(2));
    clock.schedule(1, () => seen.push(1));
    expect(clock.step()).toBe(true);
    expect(seen).toEqual([1]);
    expect(clock.now()).toBe(1);
    expect(clock.step()).toBe(true);
    expect(clock.step()).toBe(false);
    expect(seen).toEqual([1, 2]);
    expect(clock.eventsRun).toBe(2);
  });

  it("stops runAll after maxEvents when a component reschedules itself for ever", async () => {
    const clock = new VirtualClock(0);
    const tick = (): void => {
      clock.schedule(1, tick);
    };
    clock.schedule(1, tick);
    expect(clock.runAll(1000)).toBe(1000);
    expect(clock.now()).toBe(1000);
  });

  it("ignores cancelling a handle that already ran or is foreign", async () => {
    const clock = new VirtualClock(0);
    let runs = 0;
    const handle = clock.schedule(1, () => runs++);
    clock.runAll();
    clock.cancel(handle);
    clock.cancel(undefined);
    clock.cancel(42);
    expect(runs).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it("stops the run with the error a callback throws, and refuses a NaN delay", () => {
    const clock = new VirtualClock(0);
    clock.schedule(1, () => {
      throw new Error("boom");
    });
    expect(() => clock.runAll()).toThrow("boom");
    expect(() => clock.schedule(Number.NaN, () => undefined)).toThrow(RangeError);
  });

  it("compacts a heap full of cancelled events without losing live ones", async () => {
    const clock = new VirtualClock(0);
    const ran: number[] = [];
    const handles = Array.from({ length: 10_000 }, (_, i) => clock.schedule(i % 97, () => ran.push(i)));
    handles.forEach((h, i) => {
      if (i % 10 !== 0) clock.cancel(h);
    });
    expect(clock.pending).toBe(1000);
    clock.runAll();
    expect(ran).toHaveLength(1000);
    expect(ran.every((i) => i % 10 === 0)).toBe(true);
    const times = ran.map((i) => i % 97);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
