import { describe, expect, it } from "vitest";
import { InMemoryInhibitStore } from "../../src/adapters/in-memory-inhibit-store.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { PeriodicContactPlan } from "../../src/contacts/periodic-contact-plan.js";
import { WindowListContactPlan } from "../../src/contacts/window-list-contact-plan.js";
import { transmitDelay } from "../../src/decisions/transmit-decision.js";
import { ConfigError } from "../../src/errors.js";
import { InhibitCatalog } from "../../src/inhibits/inhibit-catalog.js";
import {
  DEFAULT_SENDER_OPTIONS,
  LEASE_MARGIN_MS,
  resolveSenderOptions,
} from "../../src/services/sender-options.js";
import { createHarness, ScriptedRandom, settle } from "./command-sender-harness.js";

const T0 = Date.UTC(2030, 0, 1);

describe("createCommandSender", () => {
  it("transmits a new command within the maximum delay, recorded before the uplink sees it", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 30_000 } });
    let statusWhenSent: string | undefined;
    h.uplink.respond = async (command) => {
      statusWhenSent = (await h.store.get(command.id))?.status;
      return { ok: true };
    };
    h.sender.start();
    const { command } = await h.service.submit({ name: "PING", args: { n: 1 } });
    await h.clock.advanceAsync(30_000);
    expect(h.uplink.sent).toEqual([
      {
        at: expect.any(Number),
        command: { id: command.id, spacecraftId: "sc-1", name: "PING", args: { n: 1 } },
      },
    ]);
    const at = h.uplink.sent[0]?.at ?? Number.NaN;
    expect(at - T0).toBeGreaterThanOrEqual(0);
    expect(at - T0).toBeLessThanOrEqual(30_000);
    expect(statusWhenSent).toBe("transmitted");
    const stored = await h.service.get(command.id);
    expect(stored.status).toBe("transmitted");
    expect(stored.transmittedAt).toBe(at);
    expect(h.sender.stats()).toMatchObject({ claims: 1, transmitted: 1, pending: 0 });
    await h.sender.stop();
  });

  it("draws whole-millisecond delays spread over 0..transmitDelayMaxMs, and sends in order behind them", async () => {
    // Dispatch order (SPEC §2) holds a command until every one claimed before it has left.
    const h = createHarness({ seed: 7, sender: { transmitDelayMaxMs: 10_000 } });
    h.sender.start();
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) ids.push((await h.service.submit({ name: "PING" })).command.id);
    await h.clock.advanceAsync(10_000);
    const draws = new SeededRandom(7 + 1_000_003);
    const delays = ids.map(() => transmitDelay(draws, 10_000));
    expect(delays.every((d) => Number.isInteger(d) && d >= 0 && d <= 10_000)).toBe(true);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).toBeGreaterThan(4_000);
    expect(mean).toBeLessThan(6_000);
    expect(Math.min(...delays)).toBeLessThan(1_000);
    expect(Math.max(...delays)).toBeGreaterThan(9_000);
    // Each was claimed alone as it came: they leave in that order, each at the longest delay
    // drawn for it or any before it.
    expect(h.uplink.sent.map((s) => s.command.id)).toEqual(ids);
    let longest = 0;
    const expected = delays.map((delay) => {
      longest = Math.max(longest, delay);
      return T0 + longest;
    });
    expect(h.uplink.sent.map((s) => s.at)).toEqual(expected);
    await h.sender.stop();
  });

  it("takes the highest priority first, then the oldest", async () => {
    const open = T0 + 3_600_000;
    const h = createHarness({
      plan: new WindowListContactPlan([{ start: open, end: open + 3_600_000 }]),
      sender: { transmitDelayMaxMs: 0, batchSize: 1, maxPending: 1 },
    });
    h.sender.start();
    const random = new SeededRandom(3);
    const submitted = [];
    for (let i = 0; i < 40; i++) {
      await h.clock.advanceAsync(1 + Math.floor(random.next() * 1000));
      const priority = Math.floor(random.next() * 5) - 2;
      submitted.push(
        (await h.service.submit({ name: "CMD", priority, spacecraftId: i % 2 ? "sc-1" : "sc-2" })).command,
      );
    }
    expect(h.uplink.sent).toEqual([]);
    await h.clock.advanceToAsync(open + 1_000);
    const expected = [...submitted]
      .sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt)
      .map((c) => c.id);
    expect(h.uplink.sent.map((s) => s.command.id)).toEqual(expected);
    expect(h.uplink.sent.every((s) => s.at === open)).toBe(true);
    await h.sender.stop();
  });

  it("releases a command whose window closes first and sends it in the next contact", async () => {
    // Windows [0, 10 s) every 100 s; the first delay (27 s) overshoots the window, the second (3 s) fits.
    const h = createHarness({
      start: 5_000,
      plan: new PeriodicContactPlan({ periodMs: 100_000, durationMs: 10_000 }),
      random: new ScriptedRandom([0.9, 0.1]),
      sender: { transmitDelayMaxMs: 30_000 },
    });
    h.sender.start();
    const { command } = await h.service.submit({ name: "PING" });
    await h.clock.advanceToAsync(99_999);
    expect(h.uplink.sent).toEqual([]);
    expect(h.sender.stats()).toMatchObject({ claims: 1, released: 1, transmitted: 0 });
    expect((await h.service.get(command.id)).status).toBe("ready");
    await h.clock.advanceToAsync(200_000);
    expect(h.uplink.sent.map((s) => s.at)).toEqual([103_000]);
    expect(h.sender.stats()).toMatchObject({ claims: 2, released: 1, transmitted: 1 });
    await h.sender.stop();
  });

  it("waits for notBefore and wakes up for it", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 1_000 } });
    h.sender.start();
    await h.service.submit({ name: "LATER", notBefore: T0 + 50_000 });
    await h.clock.advanceToAsync(T0 + 49_999);
    expect(h.uplink.sent).toEqual([]);
    await h.clock.advanceToAsync(T0 + 51_000);
    expect(h.uplink.sent).toHaveLength(1);
    expect(h.uplink.sent[0]?.at).toBeGreaterThanOrEqual(T0 + 50_000);
    await h.sender.stop();
  });

  it("expires a queued command the instant its notAfter passes, before a contact or during its transmit delay", async () => {
    // SPEC §1: expired when notAfter passes, in contact or not (not at the next contact).
    const open = T0 + 10_000;
    const h = createHarness({
      plan: new WindowListContactPlan([{ start: open, end: open + 600_000 }]),
      random: new ScriptedRandom([0.9]),
      sender: { transmitDelayMaxMs: 30_000 },
    });
    h.sender.start();
    const early = (await h.service.submit({ name: "EARLY", notAfter: T0 + 5_000 })).command;
    const during = (await h.service.submit({ name: "DURING", notAfter: open + 20_000 })).command;
    expect([early.deadline, during.deadline]).toEqual([T0 + 5_001, open + 20_001]);
    await h.clock.advanceToAsync(open + 60_000);
    expect(h.uplink.sent).toEqual([]);
    for (const c of [early, during]) {
      const stored = await h.service.get(c.id);
      expect(stored).toMatchObject({ status: "failed", failureReason: "expired", deadline: null });
    }
    expect((await h.service.get(early.id)).failedAt).toBe(T0 + 5_001);
    expect((await h.service.get(during.id)).failedAt).toBe(open + 20_001);
    // DURING was claimed at the window's opening and waited out its delay: the expiry won that race.
    expect(h.sender.stats()).toMatchObject({ claims: 1, expired: 0, expiredInQueue: 2, lostRaces: 1 });
    await h.sender.stop();
  });

  it("never sends a command past its notAfter even when no watcher heard of it", async () => {
    const open = T0 + 10_000;
    const h = createHarness({
      plan: new WindowListContactPlan([{ start: open, end: open + 600_000 }]),
      random: new ScriptedRandom([0.9]),
      sender: { transmitDelayMaxMs: 30_000 },
      observe: false,
    });
    h.sender.start();
    const early = (await h.service.submit({ name: "EARLY", notAfter: T0 + 5_000 })).command;
    const during = (await h.service.submit({ name: "DURING", notAfter: open + 20_000 })).command;
    h.sender.nudge();
    await h.clock.advanceToAsync(open + 60_000);
    expect(h.uplink.sent).toEqual([]);
    expect((await h.service.get(early.id)).failedAt).toBe(open);
    expect((await h.service.get(during.id)).failedAt).toBe(open + 27_000);
    expect(h.sender.stats()).toMatchObject({ claims: 2, expired: 2, expiredInQueue: 0, transmitted: 0 });
    await h.sender.stop();
  });

  it("fails a command with link_error when the link refuses or throws", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 100 } });
    h.uplink.respond = (command) => {
      if (command.name === "REFUSED") return { ok: false, reason: "HTTP 503" };
      throw new Error("socket hang up");
    };
    h.sender.start();
    const refused = (await h.service.submit({ name: "REFUSED" })).command;
    const thrown = (await h.service.submit({ name: "THROWN" })).command;
    await h.clock.advanceAsync(100);
    for (const [c, reason] of [
      [refused, "HTTP 503"],
      [thrown, "socket hang up"],
    ] as const) {
      expect(await h.service.get(c.id)).toMatchObject({ status: "failed", failureReason: "link_error" });
      const last = (await h.service.history(c.id)).at(-1);
      expect(last).toMatchObject({ from: "transmitted", to: "failed", reason, source: "sender" });
    }
    expect(h.sender.stats()).toMatchObject({ transmitted: 2, linkErrors: 2 });
    await h.sender.stop();
  });

  it("sets no timer when idle and pollIntervalMs is 0, once it has looked for a predecessor's leases", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 100 } });
    h.sender.start();
    // One round when every lease a crashed predecessor could have left has run out.
    expect(h.clock.pending).toBe(1);
    await h.clock.advanceAsync(h.sender.options.leaseMs);
    await h.service.submit({ name: "PING" });
    await h.clock.advanceAsync(100);
    await h.service.apply(
      (h.uplink.sent[0]?.command.id ?? "") as string,
      { type: "COMPLETED" },
      "spacecraft",
    );
    await settle();
    expect(h.clock.pending).toBe(0);
    const rounds = h.sender.stats().rounds;
    await h.clock.advanceAsync(3_600_000);
    expect(h.sender.stats().rounds).toBe(rounds);
    await h.sender.stop();
  });

  it("nudges for a spacecraft out of contact only arm a wake-up at its next window", async () => {
    const open = T0 + 60_000;
    const h = createHarness({
      plan: new WindowListContactPlan([{ start: open, end: open + 60_000 }]),
      sender: { transmitDelayMaxMs: 0 },
    });
    h.sender.start();
    await settle();
    const rounds = h.sender.stats().rounds;
    // The start-up round for a predecessor's leases is the only timer so far.
    const timers = h.clock.pending;
    for (let i = 0; i < 20; i++) await h.service.submit({ name: "PING" });
    expect(h.sender.stats().rounds).toBe(rounds);
    expect(h.clock.pending).toBe(timers + 1);
    await h.clock.advanceToAsync(open);
    expect(h.uplink.sent).toHaveLength(20);
    await h.sender.stop();
  });

  it("caps claimed-and-waiting commands at maxPending and refills as they go", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 1_000, batchSize: 4, maxPending: 10 } });
    h.sender.start();
    for (let i = 0; i < 50; i++) await h.service.submit({ name: "PING" });
    await settle();
    expect(h.sender.stats().pending).toBe(10);
    let maxPending = 0;
    for (let t = 0; t < 20_000; t += 50) {
      await h.clock.advanceAsync(50);
      maxPending = Math.max(maxPending, h.sender.stats().pending);
    }
    expect(maxPending).toBeLessThanOrEqual(10);
    expect(h.uplink.sent).toHaveLength(50);
    expect(new Set(h.uplink.sent.map((s) => s.command.id)).size).toBe(50);
    await h.sender.stop();
  });
});

describe("storage errors", () => {
  it("are counted and retried after retryDelayMs, without losing or doubling a command", async () => {
    const failing = new Set<string>();
    const h = createHarness({
      sender: { transmitDelayMaxMs: 100, retryDelayMs: 2_000 },
      wrap: (inner) =>
        new Proxy(inner, {
          get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver);
            if (typeof value !== "function") return value;
            return (...args: unknown[]) => {
              if (failing.has(String(property)))
                return Promise.reject(new Error(`${String(property)} failed`));
              return value.apply(target, args);
            };
          },
        }),
    });
    h.sender.start();
    failing.add("claim");
    await h.service.submit({ name: "FIRST" });
    await h.clock.advanceAsync(1_000);
    expect(h.sender.stats().errors).toBe(1);
    failing.delete("claim");
    failing.add("transition");
    await h.clock.advanceAsync(1_100);
    expect(h.uplink.sent).toEqual([]);
    expect(h.sender.stats().errors).toBe(2);
    failing.delete("transition");
    await h.clock.advanceAsync(3_000);
    expect(h.uplink.sent.map((s) => s.command.name)).toEqual(["FIRST"]);
    expect(h.sender.stats()).toMatchObject({ transmitted: 1, errors: 2 });
    await h.sender.stop();
  });
});

describe("sender options", () => {
  it("keeps every default in one place and derives a long enough lease", () => {
    const options = resolveSenderOptions({}, new SeededRandom(1));
    expect(options).toMatchObject({
      ...DEFAULT_SENDER_OPTIONS,
      owner: expect.stringMatching(/^sender-[0-9a-f]{8}$/),
    });
    expect(resolveSenderOptions({ transmitDelayMaxMs: 100_000 }, new SeededRandom(1)).leaseMs).toBe(
      100_000 + LEASE_MARGIN_MS,
    );
  });

  it("rejects values it cannot use, naming the option", () => {
    const random = new SeededRandom(1);
    expect(() => resolveSenderOptions({ leaseMs: 40_000 }, random)).toThrow(/leaseMs/);
    expect(() => resolveSenderOptions({ batchSize: 0 }, random)).toThrow(ConfigError);
    expect(() => resolveSenderOptions({ transmitDelayMaxMs: -1 }, random)).toThrow(/transmitDelayMaxMs/);
    expect(() => resolveSenderOptions({ pollIntervalMs: 1.5 }, random)).toThrow(/pollIntervalMs/);
    expect(() => resolveSenderOptions({ owner: "" }, random)).toThrow(/owner/);
  });
});

describe("a queued command that becomes inhibited", () => {
  it("fails `inhibited` when its turn comes, and is never sent; others still are", async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1));
    const inhibits = new InhibitCatalog(new InMemoryInhibitStore(), clock, { refreshMs: 0 });
    const h = createHarness({ sender: { transmitDelayMaxMs: 1_000 }, inhibits, start: clock.now() });
    // The service here checks nothing at submission: FIRE is queued as if inhibited after it was.
    inhibits.put("sc-1", { commands: ["FIRE"] });
    h.sender.start();
    const banned = (await h.service.submit({ name: "FIRE" })).command;
    const fine = (await h.service.submit({ name: "PING" })).command;
    await h.clock.advanceAsync(2_000);
    await settle();
    const after = await h.service.get(banned.id);
    expect(after).toMatchObject({ status: "failed", failureReason: "inhibited" });
    expect(h.uplink.sent.map((s) => s.command.name)).toEqual(["PING"]);
    expect((await h.service.get(fine.id)).status).toBe("transmitted");
    expect(h.sender.stats().inhibited).toBe(1);
    await h.sender.stop();
  });
});
