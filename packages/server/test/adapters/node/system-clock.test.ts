import { describe, expect, it } from "vitest";
import { SystemClock } from "../../../src/adapters/node/system-clock.js";

describe("SystemClock", () => {
  it("reads the system time", () => {
    const before = Date.now();
    const now = new SystemClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it("runs a callback after the delay, and a 0 delay before a 1 ms one", async () => {
    const clock = new SystemClock();
    const order: string[] = [];
    const start = Date.now();
    await new Promise<void>((resolve) => {
      clock.schedule(30, () => {
        order.push("30ms");
        resolve();
      });
      clock.schedule(1, () => order.push("1ms"));
      clock.schedule(0, () => order.push("0ms"));
    });
    expect(order).toEqual(["0ms", "1ms", "30ms"]);
    expect(Date.now() - start).toBeGreaterThanOrEqual(29);
  });

  it("cancels timers and immediates; cancelling twice or after running does nothing", async () => {
    const clock = new SystemClock();
    const ran: string[] = [];
    const a = clock.schedule(0, () => ran.push("a"));
    const b = clock.schedule(5, () => ran.push("b"));
    const c = clock.schedule(0, () => ran.push("c"));
    clock.cancel(a);
    clock.cancel(b);
    clock.cancel(b);
    // Timers fire in order of their due time: once a later one has run through the same clock,
    // the cancelled ones would have run before it.
    await new Promise<void>((resolve) => clock.schedule(10, resolve));
    clock.cancel(c);
    expect(ran).toEqual(["c"]);
  });
});
