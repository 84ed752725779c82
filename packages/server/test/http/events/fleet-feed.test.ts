import { ManualClock } from "@uplink/core";
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
