import { ConfigError, type DownlinkFrame, SeededRandom } from "@uplink/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/clock/virtual-clock.js";
import {
  UnreliableDownlink,
  type UnreliableDownlinkOptions,
} from "../../src/downlink/unreliable-downlink.js";

const frame = (seq: number, time: number): DownlinkFrame => ({
  spacecraftId: "sc-1",
  seq,
  time,
  type: "completion",
  commandId: `c${seq}`,
  success: true,
});

async function transmit(options: Partial<UnreliableDownlinkOptions>, count: number, seed = 1) {
  const clock = new VirtualClock(0);
  const arrivals: { frame: DownlinkFrame; at: number }[] = [];
  const link = new UnreliableDownlink(
    clock,
    new SeededRandom(seed),
    (f) => arrivals.push({ frame: f, at: clock.now() }),
    options,
  );
  for (let i = 1; i <= count; i++) clock.schedule(i * 10, () => link.send(frame(i, clock.now())));
  await clock.runAll();
  return { arrivals, stats: link.stats() };
}

describe("UnreliableDownlink", () => {
  it("is a perfect, ordered link by default", async () => {
    const { arrivals, stats } = await transmit({}, 100);
    expect(arrivals.map((a) => a.frame.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(arrivals.every((a) => a.at === a.frame.time)).toBe(true);
    expect(stats).toMatchObject({ sent: 100, delivered: 100, lost: 0 });
  });

  it("delivers only frames it was given, each within latency + jitter, and counts what it did", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          latencyMs: fc.integer({ min: 0, max: 500 }),
          jitterMs: fc.integer({ min: 0, max: 2_000 }),
          lossRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
          duplicateRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
          conflictRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
        }),
        fc.integer({ min: 1, max: 1000 }),
        async (options, seed) => {
          const { arrivals, stats } = await transmit(options, 200, seed);
          for (const { frame: f, at } of arrivals) {
            const sentAt = f.seq * 10;
            expect(f).toEqual({ ...frame(f.seq, sentAt), time: f.time });
            expect(at - sentAt).toBeGreaterThanOrEqual(options.latencyMs);
            expect(at - sentAt).toBeLessThanOrEqual(options.latencyMs + options.jitterMs);
          }
          const conflicting = arrivals.filter((a) => a.frame.time !== a.frame.seq * 10);
          expect(conflicting).toHaveLength(stats.conflicting);
          expect(arrivals).toHaveLength(stats.sent - stats.lost + stats.duplicated + stats.conflicting);
          expect(new Set(arrivals.map((a) => a.frame.seq)).size).toBe(stats.sent - stats.lost);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("reorders, loses and duplicates at roughly the configured rates", async () => {
    const { arrivals, stats } = await transmit(
      { jitterMs: 1000, lossRate: 0.1, duplicateRate: 0.2, conflictRate: 0.05 },
      5000,
    );
    expect(stats.lost / 5000).toBeGreaterThan(0.07);
    expect(stats.lost / 5000).toBeLessThan(0.13);
    expect(stats.duplicated / (5000 - stats.lost)).toBeGreaterThan(0.16);
    expect(stats.duplicated / (5000 - stats.lost)).toBeLessThan(0.24);
    expect(stats.conflicting).toBeGreaterThan(100);
    const seqs = arrivals.map((a) => a.frame.seq);
    expect(seqs).not.toEqual([...seqs].sort((a, b) => a - b));
  });

  it("repeats itself for the same seed", async () => {
    const options = { jitterMs: 1000, lossRate: 0.1, duplicateRate: 0.2, conflictRate: 0.05 };
    const a = await transmit(options, 300, 9);
    const b = await transmit(options, 300, 9);
    expect(JSON.stringify(b.arrivals)).toBe(JSON.stringify(a.arrivals));
  });

  it("counts deliveries that fail and passes them on to onError", async () => {
    const clock = new VirtualClock(0);
    const errors: unknown[] = [];
    const link = new UnreliableDownlink(
      clock,
      new SeededRandom(1),
      (f) => (f.seq === 1 ? Promise.reject(new Error("storage down")) : Promise.resolve()),
      {},
      (e) => errors.push(e),
    );
    const throwing = new UnreliableDownlink(clock, new SeededRandom(1), () => {
      throw new Error("sync");
    });
    link.send(frame(1, 0));
    link.send(frame(2, 0));
    throwing.send(frame(3, 0));
    await clock.runAll();
    expect(link.stats().errors).toBe(1);
    expect(errors).toHaveLength(1);
    expect(throwing.stats().errors).toBe(1);
  });

  it("refuses bad options with a ConfigError", () => {
    const make = (o: Partial<UnreliableDownlinkOptions>) =>
      new UnreliableDownlink(new VirtualClock(), new SeededRandom(1), () => undefined, o);
    expect(() => make({ lossRate: 2 })).toThrow(ConfigError);
    expect(() => make({ jitterMs: -5 })).toThrow(ConfigError);
  });
});
