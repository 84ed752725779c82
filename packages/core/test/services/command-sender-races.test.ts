import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { promiseOf } from "../../src/awaitable.js";
import { StatusConflictError } from "../../src/errors.js";
import type { TelecommandRepository } from "../../src/ports/telecommand-repository.js";
import { makeTelecommand } from "../../src/testing/index.js";
import { createHarness, ScriptedRandom, settle } from "./command-sender-harness.js";

const T0 = Date.UTC(2030, 0, 1);

/**
 * Runs every repository call only when a fast-check scheduler releases it, so that the
 * sender's and the operator's reads and writes interleave in every order the scheduler picks.
 */
function schedulingRepository(inner: InMemoryTelecommandRepository) {
  const state: { scheduler: fc.Scheduler | null } = { scheduler: null };
  const repository = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const run = () => value.apply(target, args);
        const s = state.scheduler;
        return s ? s.schedule(Promise.resolve(String(property))).then(run) : run();
      };
    },
  }) as TelecommandRepository;
  return { repository, state };
}

/** A repository whose leases never hold: two senders then claim the same commands at once. */
function leaselessRepository(inner: InMemoryTelecommandRepository): TelecommandRepository {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === "claim") {
        // A lease that ends the instant it starts blocks nobody.
        return (request: Parameters<InMemoryTelecommandRepository["claim"]>[0]) =>
          target.claim({ ...request, leaseMs: 0 });
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

type Outcome = "cancel-won" | "cancel-lost";

describe("a cancel racing a transmission", () => {
  it("has exactly one winner in every interleaving of their storage calls", async () => {
    const seen = new Set<Outcome>();
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        let scheduling: ReturnType<typeof schedulingRepository> | undefined;
        const h = createHarness({
          wrap: (inner) => {
            scheduling = schedulingRepository(inner);
            return scheduling.repository;
          },
          random: new ScriptedRandom([0.5]),
          sender: { transmitDelayMaxMs: 1_000 },
        });
        h.sender.start();
        const { command } = await h.service.submit({ name: "PING" });
        await settle();
        expect(h.sender.stats().pending).toBe(1);
        if (!scheduling) throw new Error("no repository");
        scheduling.state.scheduler = s;

        const fired = s.schedule(Promise.resolve("fire")).then(() => h.clock.advance(500));
        const cancelled = promiseOf(() => h.service.cancel(command.id)).then(
          (): Outcome => "cancel-won",
          (error: unknown): Outcome => {
            if (error instanceof StatusConflictError) return "cancel-lost";
            throw error;
          },
        );
        await s.waitIdle();
        const outcome = await cancelled;
        await fired;
        await settle();
        seen.add(outcome);

        const stored = await h.store.get(command.id);
        const history = await h.store.history(command.id);
        const stats = h.sender.stats();
        if (outcome === "cancel-won") {
          expect(stored?.status).toBe("cancelled");
          expect(h.uplink.sent).toEqual([]);
          expect(stats).toMatchObject({ transmitted: 0, lostRaces: 1 });
        } else {
          expect(stored?.status).toBe("transmitted");
          expect(h.uplink.sent.map((x) => x.command.id)).toEqual([command.id]);
          expect(stats).toMatchObject({ transmitted: 1, lostRaces: 0 });
        }
        expect(history.map((e) => [e.from, e.to, e.ignored])).toEqual([
          [null, "ready", false],
          ["ready", stored?.status, false],
        ]);
        expect(stats.claims).toBe(stats.transmitted + stats.lostRaces);
        scheduling.state.scheduler = null;
        await h.sender.stop();
      }),
      { numRuns: 150 },
    );
    expect([...seen].sort()).toEqual(["cancel-lost", "cancel-won"]);
  });

  it("is won by whichever comes first on the clock, for many seeds and instants", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.integer({ min: 0, max: 2_100 }),
        fc.boolean(),
        async (seed, cancelAt, cancelFirst) => {
          const h = createHarness({ seed, sender: { transmitDelayMaxMs: 2_000 } });
          let outcome: Outcome | undefined;
          const cancelLater = (id: string) =>
            h.clock.schedule(cancelAt, () => {
              promiseOf(() => h.service.cancel(id)).then(
                () => {
                  outcome = "cancel-won";
                },
                (error: unknown) => {
                  if (error instanceof StatusConflictError) outcome = "cancel-lost";
                },
              );
            });
          h.sender.start();
          let id = "";
          if (cancelFirst) {
            // Schedule the cancel before the sender's timer exists, so that it runs first on a tie.
            const { command } = await h.repository.insert(
              { ...makeCommand(h), id: "01890000-0000-7000-8000-000000000001" },
              undefined,
            );
            id = command.id;
            cancelLater(id);
            h.sender.nudge();
          } else {
            id = (await h.service.submit({ name: "PING" })).command.id;
            cancelLater(id);
          }
          await h.clock.advanceAsync(2_200);
          const stored = await h.store.get(id);
          const sent = h.uplink.sent.filter((x) => x.command.id === id);
          if (outcome === "cancel-won") {
            expect(stored?.status).toBe("cancelled");
            expect(sent).toEqual([]);
            expect(stored?.cancelledAt).toBeLessThanOrEqual(T0 + cancelAt);
          } else {
            expect(outcome).toBe("cancel-lost");
            expect(stored?.status).toBe("transmitted");
            expect(sent).toHaveLength(1);
            expect(sent[0]?.at).toBeLessThanOrEqual(T0 + cancelAt);
          }
          expect((await h.store.history(id)).filter((e) => e.ignored)).toEqual([]);
          await h.sender.stop();
        },
      ),
      { numRuns: 200 },
    );
  });
});

function makeCommand(h: ReturnType<typeof createHarness>) {
  const now = h.clock.now();
  return makeTelecommand({ id: "", createdAt: now });
}

describe("several senders on one repository", () => {
  it("never transmit a command twice", async () => {
    const h = createHarness({ seed: 11, sender: { transmitDelayMaxMs: 5_000, batchSize: 7 } });
    const other = h.makeSender({ owner: "sender-b" });
    h.sender.start();
    other.start();
    for (let i = 0; i < 200; i++) {
      await h.service.submit({ name: "PING", spacecraftId: `sc-${i % 3}` });
      if (i % 10 === 0) await h.clock.advanceAsync(100);
    }
    await h.clock.advanceAsync(10_000);
    const ids = h.uplink.sent.map((x) => x.command.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    expect(h.sender.stats().claims + other.stats().claims).toBe(200);
    await Promise.all([h.sender.stop(), other.stop()]);
  });

  it("never transmit a command twice even when both hold it (the compare-and-set decides)", async () => {
    const h = createHarness({ seed: 12, wrap: leaselessRepository, sender: { transmitDelayMaxMs: 5_000 } });
    const other = h.makeSender({ owner: "sender-b" });
    h.sender.start();
    other.start();
    for (let i = 0; i < 100; i++) await h.service.submit({ name: "PING" });
    await h.clock.advanceAsync(10_000);
    const ids = h.uplink.sent.map((x) => x.command.id);
    expect(new Set(ids).size).toBe(100);
    expect(ids).toHaveLength(100);
    const a = h.sender.stats();
    const b = other.stats();
    expect(a.lostRaces + b.lostRaces).toBeGreaterThan(0);
    expect(a.transmitted + b.transmitted).toBe(100);
    for (const stats of [a, b]) {
      expect(stats.claims).toBe(
        stats.transmitted + stats.lostRaces + stats.expired + stats.released + stats.pending,
      );
    }
    for (const id of ids) expect((await h.store.history(id)).filter((e) => e.ignored)).toEqual([]);
    await Promise.all([h.sender.stop(), other.stop()]);
  });

  it("take over the expired leases of a crashed sender", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 1_000, pollIntervalMs: 5_000 } });
    for (let i = 0; i < 10; i++) await h.service.submit({ name: "PING" });
    const held = await h.store.claim({
      owner: "crashed",
      now: T0,
      leaseMs: 60_000,
      limit: 100,
      statuses: ["ready"],
    });
    expect(held).toHaveLength(10);
    h.sender.start();
    await h.clock.advanceToAsync(T0 + 59_999);
    expect(h.uplink.sent).toEqual([]);
    await h.clock.advanceToAsync(T0 + 66_000);
    expect(h.uplink.sent).toHaveLength(10);
    expect(h.uplink.sent.every((x) => x.at >= T0 + 60_000)).toBe(true);
    await h.sender.stop();
  });
});

describe("stop()", () => {
  it("releases every waiting lease and sends nothing afterwards", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 30_000 } });
    h.sender.start();
    for (let i = 0; i < 20; i++) await h.service.submit({ name: "PING" });
    await settle();
    expect(h.sender.stats().pending).toBe(20);
    await h.sender.stop();
    expect(h.sender.stats()).toMatchObject({ claims: 20, released: 20, pending: 0, transmitted: 0 });
    const retaken = await h.store.claim({
      owner: "other",
      now: h.clock.now(),
      leaseMs: 60_000,
      limit: 100,
      statuses: ["ready"],
    });
    expect(retaken).toHaveLength(20);
    await h.service.submit({ name: "AFTER" });
    await h.clock.advanceAsync(120_000);
    expect(h.uplink.sent).toEqual([]);
    expect(h.sender.stats().claims).toBe(20);
    expect(h.clock.pending).toBe(0);
  });

  it("lets a send under way finish before it resolves", async () => {
    const h = createHarness({ random: new ScriptedRandom([0]), sender: { transmitDelayMaxMs: 1_000 } });
    h.uplink.respond = () =>
      new Promise((resolve) => h.clock.schedule(5_000, () => resolve({ ok: false, reason: "late" })));
    h.sender.start();
    const { command } = await h.service.submit({ name: "PING" });
    await h.clock.advanceAsync(0);
    expect(h.uplink.sent).toHaveLength(1);
    let stopped = false;
    const stopping = h.sender.stop().then(() => {
      stopped = true;
    });
    await h.clock.advanceAsync(4_999);
    expect(stopped).toBe(false);
    await h.clock.advanceAsync(1);
    await stopping;
    expect(await h.store.get(command.id)).toMatchObject({ status: "failed", failureReason: "link_error" });
  });
});
