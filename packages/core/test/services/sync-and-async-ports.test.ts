import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { isPromiseLike } from "../../src/awaitable.js";
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

/** The in-memory repository answering every call with a promise, as PostgreSQL's does. */
function promising(inner: InMemoryTelecommandRepository): TelecommandRepository {
  return new Proxy(inner, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        try {
          return Promise.resolve(value.apply(target, args));
        } catch (error) {
          return Promise.reject(error);
        }
      };
    },
  });
}

/** Runs the steps and returns everything a caller could observe: results, errors, events, storage. */
async function observe(steps: readonly Step[], wrap: boolean): Promise<unknown> {
  const inner = new InMemoryTelecommandRepository();
  const repository: TelecommandRepository = wrap ? promising(inner) : inner;
  const clock = new ManualClock(T0);
  const publisher = new InProcessEventPublisher();
  const published: TransitionEvent[] = [];
  publisher.subscribe((event) => published.push(event));
  const service = new TelecommandService(repository, clock, new SeededRandom(3), publisher);
  const ids: string[] = [];
  const results: unknown[] = [];
  const attempt = async (run: () => unknown) => {
    try {
      const answer = run();
      // On ports that answer at once, so does the service (or it throws at once).
      if (!wrap && isPromiseLike(answer))
        throw new Error("a promise from the service on ports that answer at once");
      results.push(await answer);
    } catch (error) {
      results.push({ error: (error as Error).name, message: (error as Error).message });
    }
  };
  for (const s of steps) {
    if (s.op === "submit") {
      const before = published.length;
      await attempt(() => service.submit({ name: s.name, priority: s.priority }, s.key ?? undefined));
      const entry = published[before];
      if (entry) ids.push(entry.command.id);
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

describe("the service on ports that answer at once and on ports that promise", () => {
  it("gives the same results, errors, events and storage, for any sequence of calls", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        expect(await observe(steps, false)).toEqual(await observe(steps, true));
      }),
      { numRuns: 150 },
    );
  });

  it("runs synchronously on the in-memory repository and asynchronously on promising ports", async () => {
    const make = (repository: TelecommandRepository) =>
      new TelecommandService(
        repository,
        new ManualClock(T0),
        new SeededRandom(1),
        new InProcessEventPublisher(),
      );
    const sync = make(new InMemoryTelecommandRepository());
    const submitted = sync.submit({ name: "PING" });
    if (isPromiseLike(submitted)) throw new Error("submit promised on the in-memory repository");
    const applied = sync.apply(submitted.command.id, { type: "TRANSMIT" }, "sender", submitted.command);
    expect(isPromiseLike(applied) ? "promise" : applied.kind).toBe("applied");
    expect(() => sync.cancel(submitted.command.id)).toThrow(/cancel/);
    const async = make(promising(new InMemoryTelecommandRepository()));
    const promised = async.submit({ name: "PING" });
    expect(isPromiseLike(promised)).toBe(true);
    const { command } = await promised;
    expect(isPromiseLike(async.apply(command.id, { type: "TRANSMIT" }, "sender", command))).toBe(true);
  });
});
