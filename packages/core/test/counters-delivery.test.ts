import { describe, expect, it } from "vitest";
import { InMemoryCounters } from "../src/adapters/in-memory-counters.js";
import { InMemoryDictionaryStore } from "../src/adapters/in-memory-dictionary-store.js";
import { InMemoryInhibitStore } from "../src/adapters/in-memory-inhibit-store.js";
import { InMemorySpacecraftRegistry } from "../src/adapters/in-memory-spacecraft-registry.js";
import { InMemoryTelecommandRepository } from "../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../src/adapters/manual-clock.js";
import { SeededRandom } from "../src/adapters/seeded-random.js";
import { ready } from "../src/awaitable.js";
import { DeliveryCounter, deliveryStatsOf } from "../src/counters/delivery-counters.js";
import { DictionaryCatalog } from "../src/dictionary/dictionary-catalog.js";
import { SubmissionChecks } from "../src/dictionary/submission-checks.js";
import { newSpacecraft } from "../src/fleet/spacecraft.js";
import { InhibitCatalog } from "../src/inhibits/inhibit-catalog.js";
import { TelecommandService } from "../src/services/telecommand-service.js";

function setup() {
  const clock = new ManualClock(1_000);
  const catalog = new DictionaryCatalog(new InMemoryDictionaryStore(), clock);
  catalog.put("demo", {
    commands: [
      { name: "FIRE", category: "propulsion", args: { s: { type: "integer", max: 5 } } },
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
  const counters = new InMemoryCounters();
  const publisher = new InProcessEventPublisher();
  const service = new TelecommandService(
    new InMemoryTelecommandRepository(),
    clock,
    new SeededRandom(1),
    publisher,
    {
      registry,
      counters,
      checks: new SubmissionChecks(catalog, inhibits),
    },
  );
  publisher.subscribe(new DeliveryCounter(counters, service.lifecycle).observe);
  const attempt = (request: { name: string; spacecraftId: string; args?: Record<string, unknown> }) => {
    try {
      return ready(service.submit(request)).command;
    } catch {
      return null;
    }
  };
  const stats = () => deliveryStatsOf(ready(counters.read()));
  return { service, inhibits, attempt, stats, counters };
}

describe("delivered and dropped statistics", () => {
  it("count executed commands as delivered, and inhibited, expired and rejected ones and refused submissions as dropped", () => {
    const { service, inhibits, attempt, stats } = setup();
    const run = (id: string, events: string[]) => {
      for (const type of events) ready(service.apply(id, { type } as never, "spacecraft"));
    };
    const ok = attempt({ name: "PING", spacecraftId: "demo-1" });
    run(ok?.id as string, ["TRANSMIT", "ACCEPTED", "COMPLETED"]);
    const refused = attempt({ name: "FIRE", spacecraftId: "demo-1", args: { s: 1 } });
    run(refused?.id as string, ["TRANSMIT", "REJECTED"]);
    const plain = attempt({ name: "ANY", spacecraftId: "sc-1" });
    run(plain?.id as string, ["TRANSMIT", "ACCEPTED", "COMPLETED"]);
    expect(attempt({ name: "FIRE", spacecraftId: "demo-1", args: { s: 9 } })).toBeNull();
    expect(attempt({ name: "NOPE", spacecraftId: "demo-1" })).toBeNull();
    inhibits.put("demo-1", { categories: ["propulsion"] });
    expect(attempt({ name: "FIRE", spacecraftId: "demo-1", args: { s: 1 } })).toBeNull();
    expect(attempt({ name: "1bad", spacecraftId: "demo-1" })).toBeNull();
    expect(stats()).toEqual({
      delivered: 2,
      dropped: 4,
      bySpacecraft: { "demo-1": { delivered: 1, dropped: 4 }, "sc-1": { delivered: 1, dropped: 0 } },
      byCategory: { platform: { delivered: 1, dropped: 0 }, propulsion: { delivered: 0, dropped: 3 } },
    });
  });
});
