import { describe, expect, it } from "vitest";
import { InMemoryCounters } from "../../src/adapters/in-memory-counters.js";
import { InMemoryDictionaryStore } from "../../src/adapters/in-memory-dictionary-store.js";
import { InMemoryInhibitStore } from "../../src/adapters/in-memory-inhibit-store.js";
import { InMemorySpacecraftRegistry } from "../../src/adapters/in-memory-spacecraft-registry.js";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { ready } from "../../src/awaitable.js";
import { InhibitSet } from "../../src/decisions/inhibit-decision.js";
import { decideTransmission } from "../../src/decisions/transmit-decision.js";
import { DictionaryCatalog } from "../../src/dictionary/dictionary-catalog.js";
import { SubmissionChecks } from "../../src/dictionary/submission-checks.js";
import { InhibitedError, ValidationError } from "../../src/errors.js";
import { newSpacecraft } from "../../src/fleet/spacecraft.js";
import { InhibitCatalog } from "../../src/inhibits/inhibit-catalog.js";
import { parseInhibits } from "../../src/inhibits/inhibits.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import { runInhibitStoreContract } from "../../src/testing/inhibit-store-contract.js";
import { makeTelecommand } from "../../src/testing/telecommand-fixtures.js";

runInhibitStoreContract("InMemoryInhibitStore", () => {
  const store = new InMemoryInhibitStore();
  return { store, peer: store };
});

describe("parseInhibits", () => {
  it("sorts and de-duplicates, and fills in missing lists", () => {
    expect(parseInhibits({ commands: ["B", "A", "B"] })).toEqual({ categories: [], commands: ["A", "B"] });
    expect(parseInhibits({})).toEqual({ categories: [], commands: [] });
  });

  it.each<[unknown, string]>([
    [[], "body"],
    [{ categories: "propulsion" }, "categories"],
    [{ commands: ["OK", 3] }, "commands[1]"],
    [{ commands: ["1BAD"] }, "commands[0]"],
    [{ categories: [""] }, "categories[0]"],
    [{ names: [] }, "names"],
  ])("refuses %j naming %s", (input, field) => {
    expect(() => parseInhibits(input)).toThrow(ValidationError);
    try {
      parseInhibits(input);
    } catch (error) {
      expect((error as ValidationError).field).toBe(field);
    }
  });
});

describe("the inhibit decision", () => {
  const profile = {
    dictionaryVersion: "v",
    category: "propulsion",
    hazardous: true,
    acceptanceMs: null,
    executionMs: null,
  };
  const command = makeTelecommand({ name: "FIRE", profile });
  const window = { spacecraftId: "sc-1", start: 0, end: Number.MAX_SAFE_INTEGER, station: "Kiruna" };

  it("inhibits by name or by category, and is never sent then, even when expired", () => {
    expect(new InhibitSet({ categories: [], commands: ["FIRE"] }).reasonFor("FIRE", "propulsion")).toBe(
      "command",
    );
    expect(new InhibitSet({ categories: ["propulsion"], commands: [] }).reasonFor("FIRE", "propulsion")).toBe(
      "category",
    );
    expect(new InhibitSet({ categories: ["propulsion"], commands: [] }).reasonFor("PING", null)).toBeNull();
    const set = new InhibitSet({ categories: ["propulsion"], commands: [] });
    expect(decideTransmission(command, command.createdAt, window, set)).toEqual({ kind: "inhibit" });
    expect(decideTransmission({ ...command, notAfter: 0 }, command.createdAt, window, set)).toEqual({
      kind: "inhibit",
    });
    expect(
      decideTransmission(
        command,
        command.createdAt,
        window,
        new InhibitSet({ categories: [], commands: [] }),
      ),
    ).toEqual({
      kind: "transmit",
    });
  });
});

describe("a submission of an inhibited command", () => {
  function setup() {
    const clock = new ManualClock(1_000);
    const catalog = new DictionaryCatalog(new InMemoryDictionaryStore(), clock);
    catalog.put("demo", {
      commands: [
        { name: "FIRE", category: "propulsion", hazardous: true },
        { name: "PING", category: "platform" },
      ],
    });
    const inhibits = new InhibitCatalog(new InMemoryInhibitStore(), clock);
    const registry = new InMemorySpacecraftRegistry();
    for (const [id, mission] of [
      ["demo-1", "demo"],
      ["sc-1", null],
    ] as const) {
      registry.add(newSpacecraft(id, 0, { mission }));
    }
    const repository = new InMemoryTelecommandRepository();
    const counters = new InMemoryCounters();
    const service = new TelecommandService(
      repository,
      clock,
      new SeededRandom(1),
      new InProcessEventPublisher(),
      {
        registry,
        counters,
        checks: new SubmissionChecks(catalog, inhibits),
      },
    );
    return { service, inhibits, repository, counters };
  }

  it("is refused with `inhibited` (by category or by name), nothing stored, counted", () => {
    const { service, inhibits, repository, counters } = setup();
    inhibits.put("demo-1", { categories: ["propulsion"] });
    inhibits.put("sc-1", { commands: ["ANY"] });
    const refusal = (request: { name: string; spacecraftId: string }) => {
      try {
        ready(service.submit(request));
      } catch (error) {
        expect(error).toBeInstanceOf(InhibitedError);
        return (error as InhibitedError).details;
      }
      throw new Error("accepted");
    };
    expect(refusal({ name: "FIRE", spacecraftId: "demo-1" })).toMatchObject({
      by: "category",
      category: "propulsion",
    });
    expect(refusal({ name: "ANY", spacecraftId: "sc-1" })).toMatchObject({ by: "command", category: null });
    expect(ready(repository.countByStatus())).toEqual({});
    expect(ready(counters.read()).rejectedSubmissions).toBe(2);
    expect(ready(service.submit({ name: "PING", spacecraftId: "demo-1" })).command.status).toBe("ready");
    expect(ready(service.submit({ name: "FIRE", spacecraftId: "sc-1" })).command.status).toBe("ready");
  });
});
