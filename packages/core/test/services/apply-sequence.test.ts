import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import type { LifecycleEvent } from "../../src/lifecycle/lifecycle-definition.js";
import type { TelecommandRepository } from "../../src/ports/telecommand-repository.js";
import { type ApplyResult, TelecommandService } from "../../src/services/telecommand-service.js";
import type { Telecommand, TransitionEvent } from "../../src/types.js";
import { ChainingRepository } from "../support/chaining-repository.js";

const T0 = Date.UTC(2030, 0, 1);
const EVENTS: readonly LifecycleEvent[] = [
  { type: "TRANSMIT" },
  { type: "ACCEPTED" },
  { type: "REJECTED", reason: "no" },
  { type: "COMPLETED" },
  { type: "COMPLETION_FAILED", reason: "no" },
  { type: "TIMEOUT" },
  { type: "CANCEL", reason: "by test" },
];
const eventArb = fc.constantFrom(...EVENTS);

/** A service over `repository` with one command moved through `prefix`; every version seen is kept. */
async function rig(repository: TelecommandRepository, prefix: readonly LifecycleEvent[]) {
  const publisher = new InProcessEventPublisher();
  const published: TransitionEvent[] = [];
  const versions: Telecommand[] = [];
  publisher.subscribe((event) => {
    published.push(event);
    versions.push(event.command);
  });
  const service = new TelecommandService(repository, new ManualClock(T0), new SeededRandom(9), publisher);
  const { command } = await service.submit({ name: "PING" });
  for (const event of prefix) await service.apply(command.id, event, "sender");
  published.length = 0;
  return { service, id: command.id, published, versions };
}

function summary(results: readonly ApplyResult[]) {
  return results.map((r) => (r.kind === "unknown" ? r : { kind: r.kind, command: r.command }));
}

describe("TelecommandService.applySequence", () => {
  it("gives what applying each event in turn gives, with or without chains, from any hint", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { maxLength: 3 }),
        fc.array(eventArb, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.boolean(),
        async (prefix, events, pick, listen) => {
          const one = await rig(new InMemoryTelecommandRepository(), prefix);
          const expected: ApplyResult[] = [];
          for (const event of events) expected.push(await one.service.apply(one.id, event, "spacecraft"));

          const chaining = new ChainingRepository();
          const other = await rig(chaining, prefix);
          // Any version seen, or none: an out-of-date hint must change nothing.
          const known = other.versions[pick % (other.versions.length + 1)];
          const heard: [ApplyResult, number][] = [];
          const results = await other.service.applySequence(
            other.id,
            events,
            "spacecraft",
            known,
            known === undefined ? undefined : { hint: true },
            listen ? (result, i) => heard.push([result, i]) : undefined,
          );
          expect(summary(results)).toEqual(summary(expected));
          if (listen) expect(heard).toEqual(results.map((r, i) => [r, i]));
          expect(other.published).toEqual(one.published);
          expect(await other.service.history(other.id)).toEqual(await one.service.history(one.id));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("writes the events that apply in a row as one chain", async () => {
    const repository = new ChainingRepository();
    const { service, id } = await rig(repository, [{ type: "TRANSMIT" }]);
    const results = await service.applySequence(
      id,
      [{ type: "ACCEPTED" }, { type: "COMPLETED" }],
      "spacecraft",
    );
    expect(results.map((r) => (r.kind === "applied" ? r.command.status : r.kind))).toEqual([
      "acknowledged",
      "executed",
    ]);
    expect(repository.chains).toBe(1);
  });
});
