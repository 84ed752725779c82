import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import type { TelecommandRepository } from "../../src/ports/telecommand-repository.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import type { TransitionEvent } from "../../src/types.js";

const T0 = 1_893_456_000_000;
const EVENTS = ["TRANSMIT", "CANCEL", "ACCEPTED", "REJECTED", "COMPLETED", "TIMEOUT", "INHIBIT"] as const;

type Step =
  | { readonly op: "submit"; readonly name: string; readonly priority: number; readonly key: string | null }
  | { readonly op: "apply"; readonly index: number; readonly event: string; readonly known: boolean }
  | { readonly op: "cancel"; readonly index: number }
  | { readonly op: "advance"; readonly ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant("submit" as const),
    name: fc.constantFrom("PING", "SET_MODE", "bad name"),
    priority: fc.integer({ min: -2, max: 2 }),
    key: fc.option(fc.constantFrom("k1", "k2"), { nil: null }),
  }),
  fc.record({
    op: fc.constant("apply" as const),
    index: fc.nat({ max: 20 }),
    event: fc.constantFrom(...EVENTS),
    known: fc.boolean(),
  }),
  fc.record({ op: fc.constant("cancel" as const), index: fc.nat({ max: 20 }) }),
  fc.record({ op: fc.constant("advance" as const), ms: fc.nat({ max: 3_000 }) }),
);

/** Runs the steps and returns everything a caller could observe: results, errors, events, storage. */
async function observe(steps: readonly Step[], wrap: boolean): Promise<unknown> {
  const inner = new InMemoryTelecommandRepository();
  // A proxy replaces `insert` and `transition`, so the service must take the promised path.
  const repository: TelecommandRepository = wrap
    ? new Proxy(inner, {
        get(target, property) {
          const value = Reflect.get(target, property);
          return typeof value === "function" ? (...args: unknown[]) => value.apply(target, args) : value;
        },
      })
    : inner;
  const clock = new ManualClock(T0);
  const publisher = new InProcessEventPublisher();
  const published: TransitionEvent[] = [];
  publisher.subscribe((event) => published.push(event));
  const service = new TelecommandService(repository, clock, new SeededRandom(3), publisher);
  const ids: string[] = [];
  const results: unknown[] = [];
  const attempt = async (run: () => Promise<unknown>) => {
    try {
      results.push(await run());
    } catch (error) {
      results.push({ error: (error as Error).name, message: (error as Error).message });
    }
  };
  for (const s of steps) {
    if (s.op === "submit") {
      await attempt(async () => {
        const result = await service.submit({ name: s.name, priority: s.priority }, s.key ?? undefined);
        if (result.created) ids.push(result.command.id);
        return result;
      });
    } else if (s.op === "apply") {
      const id = ids[s.index % Math.max(1, ids.length)] ?? "missing";
      const known = s.known ? ((await inner.get(id)) ?? undefined) : undefined;
      await attempt(() => service.apply(id, { type: s.event }, "spacecraft", known));
    } else if (s.op === "cancel") {
      await attempt(() => service.cancel(ids[s.index % Math.max(1, ids.length)] ?? "missing"));
    } else clock.advance(s.ms);
  }
  const histories = await Promise.all(ids.map((id) => inner.history(id)));
  return {
    results,
    published,
    histories,
    list: await inner.list({ limit: 500 }),
    log: await inner.historyAfter(0, 10_000),
    counts: await inner.countByStatus(),
    stats: service.stats(),
  };
}

describe("the service's immediate writes on the in-memory repository", () => {
  it("give what the promised insert and transition give, for any sequence of calls", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        expect(await observe(steps, false)).toEqual(await observe(steps, true));
      }),
      { numRuns: 150 },
    );
  });

  it("are skipped when insert and transition are replaced", async () => {
    class CountingRepository extends InMemoryTelecommandRepository {
      transitions = 0;
      override async transition(...args: Parameters<InMemoryTelecommandRepository["transition"]>) {
        this.transitions++;
        return super.transition(...args);
      }
    }
    const repository = new CountingRepository();
    const service = new TelecommandService(
      repository,
      new ManualClock(T0),
      new SeededRandom(1),
      new InProcessEventPublisher(),
    );
    const { command } = await service.submit({ name: "PING" });
    await service.apply(command.id, { type: "TRANSMIT" }, "sender", command);
    expect(repository.transitions).toBe(1);
  });
});
