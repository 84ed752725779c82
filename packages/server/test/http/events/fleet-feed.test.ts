import { ManualClock } from "@uplink/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FleetEvent } from "../../../src/http/events/fleet-changes.js";
import { fleetChanges, seenFrom } from "../../../src/http/events/fleet-changes.js";
import { createFleetFeed } from "../../../src/http/events/fleet-feed.js";
import type { SpacecraftWire } from "../../../src/http/wire/spacecraft-wire.js";

function wire(id: string, extra: Partial<SpacecraftWire> = {}): SpacecraftWire {
  return {
    id,
    name: id,
    mission: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    contacts: null,
    uplinkUrl: null,
    uplinkRateBps: null,
    queue: "open",
    health: "unknown",
    lastFrameAt: null,
    telemetry: {},
    ...extra,
  };
}

const sample = (value: number, seq: number) => ({ value, seq, time: `2026-01-01T00:00:0${seq % 10}.000Z` });

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe("fleetChanges", () => {
  it("names registrations, setting changes, health changes and removals; lastFrameAt alone is quiet", () => {
    const seen = seenFrom([wire("a"), wire("b"), wire("c")], 0);
    const { events } = fleetChanges(
      seen,
      [
        wire("a", { name: "A" }),
        wire("b", { health: "safe" }),
        wire("c", { lastFrameAt: "2026-01-01T00:00:05.000Z" }),
        wire("d"),
      ],
      10,
      1_000,
    );
    expect(events.map((e) => [e.type, (e.data as { change: string }).change, idOf(e)])).toEqual([
      ["spacecraft", "changed", "a"],
      ["spacecraft", "health", "b"],
      ["spacecraft", "registered", "d"],
    ]);
    const gone = fleetChanges(seen, [wire("a")], 10, 1_000).events;
    expect(gone.map((e) => e.data)).toEqual([
      { change: "removed", spacecraft: { id: "b" } },
      { change: "removed", spacecraft: { id: "c" } },
    ]);
  });

  it("sends a spacecraft's moved parameters at most once per period, coalesced to the latest", () => {
    let state = seenFrom([wire("a", { telemetry: { T: sample(1, 1), U: sample(5, 1) } })], 0);
    // Moved at 500 ms: too soon after the opening read, so it waits.
    let step = fleetChanges(
      state,
      [wire("a", { telemetry: { T: sample(2, 2), U: sample(5, 1) } })],
      500,
      1_000,
    );
    expect(step.events).toEqual([]);
    state = step.seen;
    step = fleetChanges(
      state,
      [wire("a", { telemetry: { T: sample(3, 3), U: sample(5, 1) } })],
      1_000,
      1_000,
    );
    expect(step.events).toEqual([
      { type: "telemetry", data: { spacecraftId: "a", parameters: { T: sample(3, 3) } } },
    ]);
    state = step.seen;
    step = fleetChanges(
      state,
      [wire("a", { telemetry: { T: sample(3, 3), U: sample(5, 1) } })],
      5_000,
      1_000,
    );
    expect(step.events).toEqual([]);
  });
});

describe("createFleetFeed", () => {
  it("reads while someone listens, shares one read, and stops when the last one leaves", async () => {
    const clock = new ManualClock(0);
    let fleet = [wire("a")];
    let reads = 0;
    const feed = createFleetFeed({
      read: async () => {
        reads++;
        return fleet;
      },
      clock,
      everyMs: 1_000,
    });
    const first: FleetEvent[] = [];
    const second: FleetEvent[] = [];
    const one = await feed.join((e) => first.push(e));
    const two = await feed.join((e) => second.push(e));
    expect(one.current.map(idOf)).toEqual(["a"]);
    expect(two.current.map((e) => (e.data as { change: string }).change)).toEqual(["current"]);
    expect(reads).toBe(1);
    fleet = [wire("a"), wire("b")];
    clock.advance(1_000);
    await settle();
    expect(reads).toBe(2);
    expect(first.map(idOf)).toEqual(["b"]);
    expect(second.map(idOf)).toEqual(["b"]);
    fleet = [wire("b")];
    feed.poke();
    await settle();
    expect(first.map((e) => (e.data as { change: string }).change)).toEqual(["registered", "removed"]);
    one.leave();
    two.leave();
    const before = reads;
    clock.advance(10_000);
    await settle();
    expect(reads).toBe(before);
    feed.poke();
    await settle();
    expect(reads).toBe(before);
  });

  it("fails a join when the fleet cannot be read, and the next join reads again", async () => {
    const clock = new ManualClock(0);
    let fail = true;
    const feed = createFleetFeed({
      read: async () => {
        if (fail) throw new Error("database down");
        return [wire("a")];
      },
      clock,
    });
    await expect(feed.join(() => undefined)).rejects.toThrow("database down");
    fail = false;
    expect((await feed.join(() => undefined)).current.map(idOf)).toEqual(["a"]);
  });
});

function idOf(event: FleetEvent): string {
  return event.type === "telemetry" ? event.data.spacecraftId : event.data.spacecraft.id;
}

describe("fleetChanges, as a client applies them", () => {
  const PERIOD = 1_000;
  const arbSpacecraft = fc.record({
    id: fc.constantFrom("a", "b", "c", "d"),
    name: fc.constantFrom("one", "two"),
    health: fc.constantFrom("nominal", "safe", "unknown"),
    t: fc.integer({ min: 1, max: 4 }),
  });
  const arbStep = fc.record({
    after: fc.integer({ min: 0, max: 1_600 }),
    fleet: fc.uniqueArray(arbSpacecraft, { selector: (s) => s.id, maxLength: 4 }),
  });

  it("brings a client to the fleet's state; telemetry at most once a period per spacecraft, never stale for longer", () => {
    fc.assert(
      fc.property(fc.array(arbStep, { minLength: 1, maxLength: 25 }), (steps) => {
        // Telemetry: parameter T's seq only grows per spacecraft, as the archive's latest does.
        const seqs = new Map<string, number>();
        const wireOf = (s: { id: string; name: string; health: string; t: number }) => {
          const seq = Math.max(seqs.get(s.id) ?? 0, s.t);
          seqs.set(s.id, seq);
          return wire(s.id, {
            name: s.name,
            health: s.health as SpacecraftWire["health"],
            telemetry: { T: sample(seq, seq) },
          });
        };
        let now = 0;
        const first = (steps[0] as (typeof steps)[number]).fleet.map(wireOf);
        let seen = seenFrom(first, now);
        const client = new Map<string, SpacecraftWire>(first.map((s) => [s.id, s]));
        // When each spacecraft's values were last sent whole or as telemetry (the opening counts).
        const lastTelemetry = new Map<string, number>(first.map((s) => [s.id, now]));
        for (const step of steps.slice(1)) {
          now += step.after;
          const fleet = step.fleet.map(wireOf);
          const next = fleetChanges(seen, fleet, now, PERIOD);
          seen = next.seen;
          for (const event of next.events) {
            if (event.type === "telemetry") {
              const id = event.data.spacecraftId;
              const before = lastTelemetry.get(id);
              if (before !== undefined) expect(now - before).toBeGreaterThanOrEqual(PERIOD);
              lastTelemetry.set(id, now);
              const held = client.get(id) as SpacecraftWire;
              client.set(id, { ...held, telemetry: { ...held.telemetry, ...event.data.parameters } });
            } else if (event.data.change === "removed") {
              client.delete(event.data.spacecraft.id);
              lastTelemetry.delete(event.data.spacecraft.id);
            } else {
              client.set(event.data.spacecraft.id, event.data.spacecraft as SpacecraftWire);
              if (event.data.change === "registered") lastTelemetry.set(event.data.spacecraft.id, now);
            }
          }
          expect([...client.keys()].sort()).toEqual(fleet.map((s) => s.id).sort());
          for (const s of fleet) {
            const held = client.get(s.id) as SpacecraftWire;
            expect({ name: held.name, health: held.health }).toEqual({ name: s.name, health: s.health });
            // Values may lag only while their spacecraft's period is not over.
            const stale = held.telemetry.T?.seq !== s.telemetry.T?.seq;
            if (stale)
              expect(now - (lastTelemetry.get(s.id) ?? Number.NEGATIVE_INFINITY)).toBeLessThan(PERIOD * 2);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
