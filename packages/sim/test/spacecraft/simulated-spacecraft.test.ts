import { ConfigError, type DownlinkFrame, SeededRandom } from "@uplink/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/clock/virtual-clock.js";
import { SimulatedSpacecraft, type SpacecraftEvent } from "../../src/spacecraft/simulated-spacecraft.js";

function setup(options: ConstructorParameters<typeof SimulatedSpacecraft>[3] = {}, seed = 1) {
  const clock = new VirtualClock(1_000_000);
  const frames: DownlinkFrame[] = [];
  const events: SpacecraftEvent[] = [];
  const spacecraft = new SimulatedSpacecraft(
    clock,
    new SeededRandom(seed),
    (f) => frames.push(f),
    options,
    (e) => events.push(e),
  );
  return { clock, frames, events, spacecraft };
}

const command = (id: string, name = "PING", spacecraftId = "sc-1") => ({ id, spacecraftId, name, args: {} });

describe("SimulatedSpacecraft", () => {
  it("executes each command id at most once however often and whenever it arrives", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: fc.integer({ min: 0, max: 9 }), at: fc.integer({ min: 0, max: 30_000 }) }), {
          maxLength: 60,
        }),
        async (arrivals) => {
          const { clock, frames, spacecraft } = setup();
          for (const a of arrivals) clock.schedule(a.at, () => void spacecraft.send(command(`c${a.id}`)));
          await clock.runAll();
          const ids = new Set(arrivals.map((a) => `c${a.id}`));
          for (const id of ids) {
            expect(frames.filter((f) => f.commandId === id && f.type === "acceptance")).toHaveLength(1);
            expect(frames.filter((f) => f.commandId === id && f.type === "completion")).toHaveLength(1);
          }
          expect(spacecraft.stats().duplicates).toBe(arrivals.length - ids.size);
          expect(spacecraft.stats().executed + spacecraft.stats().failed).toBe(ids.size);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("rejects names it does not know, by default those starting with UNKNOWN", async () => {
    const { clock, frames, events, spacecraft } = setup();
    expect(await spacecraft.send(command("a", "UNKNOWN_CMD"))).toEqual({ ok: true });
    await spacecraft.send(command("b", "unknown.thing"));
    await spacecraft.send(command("c", "KNOWN_UNKNOWN"));
    await clock.runAll();
    const rejections = frames.filter((f) => f.type === "acceptance" && f.success === false);
    expect(rejections.map((f) => f.commandId).sort()).toEqual(["a", "b"]);
    expect(rejections[0]?.reason).toMatch(/^unknown command /);
    expect(frames.filter((f) => f.type === "completion").map((f) => f.commandId)).toEqual(["c"]);
    expect(events.filter((e) => e.kind === "rejected")).toHaveLength(2);
  });

  it("takes a set or a predicate of known names", async () => {
    const { clock, frames, spacecraft } = setup({ knownCommands: new Set(["PING"]) });
    await spacecraft.send(command("a", "PING"));
    await spacecraft.send(command("b", "REBOOT"));
    await clock.runAll();
    const acceptance = (id: string) =>
      frames.find((f) => f.commandId === id && f.type === "acceptance")?.success;
    expect([acceptance("a"), acceptance("b")]).toEqual([true, false]);
  });

  it("reports after delays within their maxima, and numbers frames 1, 2, 3 per spacecraft", async () => {
    const { clock, frames, events, spacecraft } = setup({ ackDelayMaxMs: 500, execDelayMaxMs: 3_000 });
    for (let i = 0; i < 200; i++) {
      clock.schedule(i * 37, () => void spacecraft.send(command(`c${i}`, "PING", i % 2 ? "sc-1" : "sc-2")));
    }
    await clock.runAll();
    const received = new Map(events.filter((e) => e.kind === "received").map((e) => [e.commandId, e.at]));
    const acceptedAt = new Map<string, number>();
    for (const f of frames.filter((f) => f.type === "acceptance")) {
      const wait = f.time - (received.get(f.commandId as string) as number);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(500);
      acceptedAt.set(f.commandId as string, f.time);
    }
    for (const f of frames.filter((f) => f.type === "completion")) {
      const wait = f.time - (acceptedAt.get(f.commandId as string) as number);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(3_000);
    }
    for (const sc of ["sc-1", "sc-2"]) {
      const seqs = frames.filter((f) => f.spacecraftId === sc).map((f) => f.seq);
      expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    }
    // Delays are really spread, not all zero or all maximal.
    const waits = frames
      .filter((f) => f.type === "acceptance")
      .map((f) => f.time - (received.get(f.commandId as string) as number));
    expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(250);
  });

  it("fails completion at the configured rate", async () => {
    const rate = async (failureRate: number) => {
      const { clock, frames, spacecraft } = setup({ failureRate });
      for (let i = 0; i < 2000; i++) await spacecraft.send(command(`c${i}`));
      await clock.runAll();
      const completions = frames.filter((f) => f.type === "completion");
      expect(completions).toHaveLength(2000);
      return completions.filter((f) => !f.success).length / 2000;
    };
    expect(await rate(0)).toBe(0);
    expect(await rate(1)).toBe(1);
    const r = await rate(0.15);
    expect(r).toBeGreaterThan(0.11);
    expect(r).toBeLessThan(0.19);
  });

  it("repeats itself exactly for the same seed", async () => {
    const run = async (seed: number) => {
      const { clock, frames, spacecraft } = setup({}, seed);
      for (let i = 0; i < 50; i++) await spacecraft.send(command(`c${i}`));
      await clock.runAll();
      return JSON.stringify(frames);
    };
    expect(await run(3)).toBe(await run(3));
    expect(await run(3)).not.toBe(await run(4));
  });

  it("refuses commands for a spacecraft it does not fly, so the sender fails them with link_error", async () => {
    const { frames, spacecraft } = setup({ spacecraftIds: ["sc-1"] });
    expect(await spacecraft.send(command("a", "PING", "sc-9"))).toEqual({
      ok: false,
      reason: "no spacecraft sc-9 on this link",
    });
    expect(spacecraft.stats().refused).toBe(1);
    expect(spacecraft.hasReceived("a")).toBe(false);
    expect(frames).toHaveLength(0);
  });

  it("sends telemetry periodically until stopped, and drops pending reports on stop", async () => {
    const { clock, frames, spacecraft } = setup({ telemetryIntervalMs: 1000 });
    spacecraft.startTelemetry(["sc-1"]);
    await clock.runUntil(clock.now() + 3_500);
    const telemetry = frames.filter((f) => f.type === "telemetry");
    expect(telemetry).toHaveLength(3);
    expect(Object.keys(telemetry[0]?.parameters ?? {})).toEqual(["MODE", "BATT_V", "TEMP_C"]);
    await spacecraft.send(command("late"));
    spacecraft.stop();
    await clock.runAll();
    expect(frames).toHaveLength(3);
  });

  it("refuses bad options with a ConfigError", () => {
    expect(() => setup({ failureRate: 1.5 })).toThrow(ConfigError);
    expect(() => setup({ ackDelayMaxMs: -1 })).toThrow(ConfigError);
    expect(() => setup({ execDelayMaxMs: Number.NaN })).toThrow(ConfigError);
  });
});
