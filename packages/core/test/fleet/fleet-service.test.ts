import { describe, expect, it } from "vitest";
import { InMemoryCounters } from "../../src/adapters/in-memory-counters.js";
import { InMemorySpacecraftRegistry } from "../../src/adapters/in-memory-spacecraft-registry.js";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { ValidationError } from "../../src/errors.js";
import {
  MissionNotFoundError,
  SpacecraftBusyError,
  SpacecraftExistsError,
  SpacecraftNotFoundError,
  UnknownSpacecraftError,
} from "../../src/fleet/fleet-errors.js";
import { parseFleetSort } from "../../src/fleet/fleet-query.js";
import { FleetService, type SpacecraftChange } from "../../src/fleet/fleet-service.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";

const T0 = 1_893_456_000_000;

function setup() {
  const clock = new ManualClock(T0);
  const registry = new InMemorySpacecraftRegistry();
  const repository = new InMemoryTelecommandRepository();
  const counters = new InMemoryCounters();
  const changes: SpacecraftChange[] = [];
  const fleet = new FleetService(registry, repository, clock, { onChange: (c) => changes.push(c) });
  const telecommands = new TelecommandService(
    repository,
    clock,
    new SeededRandom(3),
    new InProcessEventPublisher(),
    {
      registry,
      counters,
    },
  );
  return { clock, registry, repository, fleet, telecommands, changes, counters };
}

describe("FleetService", () => {
  it("registers with the clock's time, tells of it, and refuses the id a second time", () => {
    const { fleet, changes, registry } = setup();
    const sat = fleet.register({ id: "sat-7", mission: "demo" });
    expect(sat).toMatchObject({
      id: "sat-7",
      name: "sat-7",
      mission: "demo",
      createdAt: T0,
      lastFrameAt: null,
    });
    expect(changes.map((c) => c.kind)).toEqual(["registered"]);
    expect(() => fleet.register({ id: "sat-7" })).toThrow(SpacecraftExistsError);
    expect(() => fleet.register({ id: "bad id" })).toThrow(ValidationError);
    expect(registry.list()).toHaveLength(1);
  });

  it("lists by mission case-insensitively, sorted, and answers missions", () => {
    const { fleet, clock } = setup();
    fleet.register({ id: "b", mission: "Demo" });
    clock.advance(1);
    fleet.register({ id: "a", mission: "demo" });
    clock.advance(1);
    fleet.register({ id: "c" });
    const sort = parseFleetSort("name");
    expect((fleet.list({ sort, mission: "DEMO" }) as { id: string }[]).map((s) => s.id)).toEqual(["a", "b"]);
    expect(fleet.missions()).toEqual([{ mission: "Demo", spacecraft: 2 }]);
    expect((fleet.mission("dEmO", sort) as { id: string }[]).map((s) => s.id)).toEqual(["a", "b"]);
    expect(() => fleet.mission("other", sort)).toThrow(MissionNotFoundError);
  });

  it("changes only what a PATCH carries and tells of it; unknown ids and fields are refused", () => {
    const { fleet, changes } = setup();
    fleet.register({ id: "a", name: "Alpha", mission: "m" });
    expect(fleet.update("a", { mission: null })).toMatchObject({ name: "Alpha", mission: null });
    expect(changes.map((c) => c.kind)).toEqual(["registered", "changed"]);
    expect(() => fleet.update("zz", { name: "x" })).toThrow(SpacecraftNotFoundError);
    expect(() => fleet.update("a", { colour: "x" })).toThrow(ValidationError);
    expect(fleet.get("a")).toMatchObject({ mission: null });
  });

  it("removes a spacecraft only when none of its commands is pending", () => {
    const { fleet, telecommands, changes } = setup();
    fleet.register({ id: "a" });
    const { command } = telecommands.submit({ name: "PING", spacecraftId: "a" }) as {
      command: { id: string };
    };
    expect(() => fleet.remove("a")).toThrow(SpacecraftBusyError);
    expect(fleet.get("a")).toMatchObject({ id: "a" });
    telecommands.cancel(command.id);
    fleet.remove("a");
    expect(() => fleet.get("a")).toThrow(SpacecraftNotFoundError);
    expect(() => fleet.remove("a")).toThrow(SpacecraftNotFoundError);
    expect(changes.map((c) => c.kind)).toEqual(["registered", "removed"]);
  });

  it("ensures a list of spacecraft at start, leaving registered ones as they are", () => {
    const { fleet } = setup();
    fleet.register({ id: "sc-1", name: "Mine" });
    expect(fleet.ensure([{ id: "sc-1" }, { id: "d-1", settings: { mission: "demo" } }])).toEqual(["d-1"]);
    expect(fleet.get("sc-1")).toMatchObject({ name: "Mine" });
    expect(fleet.get("d-1")).toMatchObject({ mission: "demo" });
  });
});

describe("a submission to a spacecraft", () => {
  it("is refused with unknown_spacecraft, counted, and nothing stored, when it is not registered", () => {
    const { telecommands, repository, counters } = setup();
    expect(() => telecommands.submit({ name: "PING", spacecraftId: "ghost" })).toThrow(
      UnknownSpacecraftError,
    );
    expect(() => telecommands.submit({ name: "PING" })).toThrow(UnknownSpacecraftError);
    expect(repository.list({ limit: 10 })).toMatchObject({ items: [] });
    expect(counters.read()).toEqual({ rejectedSubmissions: 2 });
  });

  it("is stored, at once, once it is registered", () => {
    const { telecommands, fleet } = setup();
    fleet.register({ id: "sc-1" });
    const result = telecommands.submit({ name: "PING" });
    expect(result).toMatchObject({ created: true, command: { spacecraftId: "sc-1", status: "ready" } });
  });
});
