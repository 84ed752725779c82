import { describe, expect, it } from "vitest";
import { InMemoryCounters } from "../../src/adapters/in-memory-counters.js";
import { InMemorySpacecraftRegistry } from "../../src/adapters/in-memory-spacecraft-registry.js";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { promiseOf } from "../../src/awaitable.js";
import { PeriodicContactPlan } from "../../src/contacts/periodic-contact-plan.js";
import { expectedPass } from "../../src/decisions/expected-pass.js";
import { newSpacecraft } from "../../src/fleet/spacecraft.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";

const T0 = Date.UTC(2030, 0, 1);

function setup() {
  const repository = new InMemoryTelecommandRepository();
  const counters = new InMemoryCounters();
  const publisher = new InProcessEventPublisher();
  const published: unknown[] = [];
  publisher.subscribe((e) => published.push(e));
  const registry = new InMemorySpacecraftRegistry();
  registry.add(newSpacecraft("sc-1", T0));
  const random = new SeededRandom(9);
  const service = new TelecommandService(repository, new ManualClock(T0), random, publisher, {
    counters,
    registry,
  });
  return { repository, counters, published, service, random };
}

describe("a dry run of a submission (SPEC §10)", () => {
  it("answers the status it would start in, storing, publishing and counting nothing", async () => {
    const h = setup();
    const before = h.random.next();
    const fresh = setup();
    fresh.random.next();
    expect(await h.service.dryRun({ name: "PING" }, "ada")).toMatchObject({
      status: "ready",
      spacecraftId: "sc-1",
    });
    expect(await h.service.dryRun({ name: "PING", approval: true }, "ada")).toMatchObject({
      status: "pending_approval",
    });
    expect(await h.repository.countByStatus()).toEqual({});
    expect(h.published).toEqual([]);
    expect(await h.counters.read()).toEqual({});
    // No id was drawn: the service's random stream is where it was.
    expect(h.random.next()).toBe(fresh.random.next());
    expect(before).toBeTypeOf("number");
  });

  it("throws what the submission would throw, without counting it", async () => {
    const h = setup();
    await expect(promiseOf(() => h.service.dryRun({ name: "1BAD" }))).rejects.toMatchObject({
      field: "name",
    });
    await expect(
      promiseOf(() => h.service.dryRun({ name: "PING", spacecraftId: "sc-9" })),
    ).rejects.toMatchObject({
      code: "unknown_spacecraft",
    });
    expect(await h.counters.read()).toEqual({});
    await expect(promiseOf(() => h.service.submit({ name: "1BAD" }))).rejects.toMatchObject({
      field: "name",
    });
    expect(await h.counters.read()).toEqual({ rejectedSubmissions: 1 });
  });
});

describe("expectedPass", () => {
  const plan = new PeriodicContactPlan({ periodMs: 90 * 60_000, durationMs: 10 * 60_000 });
  it("is the window open now or next, from notBefore on, unless notAfter passes before it opens", () => {
    const inside = T0 + 60_000;
    expect(expectedPass(plan, "sc-1", inside, null, null)).toMatchObject({ start: T0, end: T0 + 600_000 });
    expect(expectedPass(plan, "sc-1", inside, T0 + 700_000, null)).toMatchObject({ start: T0 + 5_400_000 });
    expect(expectedPass(plan, "sc-1", inside, T0 + 700_000, T0 + 800_000)).toBeNull();
    expect(expectedPass(plan, "sc-1", inside, T0 + 700_000, T0 + 5_400_000)).toMatchObject({
      start: T0 + 5_400_000,
    });
  });
});
