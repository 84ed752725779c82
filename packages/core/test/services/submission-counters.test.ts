import { describe, expect, it } from "vitest";
import { InMemoryCounters } from "../../src/adapters/in-memory-counters.js";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { SUBMISSION_COUNTERS } from "../../src/counters/submission-counters.js";
import { ValidationError } from "../../src/errors.js";
import type { Counters } from "../../src/ports/counters.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";

const T0 = 1_893_456_000_000;

function serviceOn(repository: InMemoryTelecommandRepository, counters: Counters, seed: number) {
  return new TelecommandService(
    repository,
    new ManualClock(T0),
    new SeededRandom(seed),
    new InProcessEventPublisher(),
    { counters },
  );
}

describe("TelecommandService's submission counters", () => {
  it("counts refused and duplicate submissions in the counters port it is given", async () => {
    const counters = new InMemoryCounters();
    const repository = new InMemoryTelecommandRepository();
    // Two services on one repository and one set of counters: two processes on one database.
    const a = serviceOn(repository, counters, 1);
    const b = serviceOn(repository, counters, 2);
    await expect(a.submit({ name: "1BAD" })).rejects.toBeInstanceOf(ValidationError);
    await expect(b.submit({ name: "PING", priority: 5000 })).rejects.toBeInstanceOf(ValidationError);
    await a.submit({ name: "PING" }, "k");
    await b.submit({ name: "PING" }, "k");
    await a.submit({ name: "PING" }, "k");
    expect(counters.read()).toEqual({
      [SUBMISSION_COUNTERS.rejected]: 2,
      [SUBMISSION_COUNTERS.duplicate]: 2,
    });
    expect(await a.stats()).toEqual({ rejectedSubmissions: 2, duplicateSubmissions: 2 });
    expect(await b.stats()).toEqual({ rejectedSubmissions: 2, duplicateSubmissions: 2 });
  });

  it("answers the submitter as owed when a counter cannot be stored", async () => {
    const failing: Counters = {
      add: () => Promise.reject(new Error("storage down")),
      read: () => ({}),
    };
    const service = serviceOn(new InMemoryTelecommandRepository(), failing, 3);
    await expect(service.submit({ name: "1BAD" })).rejects.toBeInstanceOf(ValidationError);
    const first = await service.submit({ name: "PING" }, "k");
    const again = await service.submit({ name: "PING" }, "k");
    expect(again).toEqual({ command: first.command, created: false });
  });

  it("reads its stats at once from counters that answer at once", () => {
    const service = serviceOn(new InMemoryTelecommandRepository(), new InMemoryCounters(), 4);
    expect(service.stats()).toEqual({ rejectedSubmissions: 0, duplicateSubmissions: 0 });
  });
});
