import { describe, expect, it } from "vitest";
import { InMemoryQueueStateStore } from "../../src/adapters/in-memory-queue-state-store.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { promiseOf } from "../../src/awaitable.js";
import { queueAccepts, queueSends } from "../../src/decisions/queue-decision.js";
import { QueueCatalog } from "../../src/queues/queue-catalog.js";
import { parseQueueState } from "../../src/queues/queue-states.js";
import { runQueueStateStoreContract } from "../../src/testing/queue-state-store-contract.js";
import { createHarness, settle } from "../services/command-sender-harness.js";

runQueueStateStoreContract("InMemoryQueueStateStore", () => {
  const store = new InMemoryQueueStateStore();
  return { store, peer: store };
});

/** A sender with no transmit delay, nudged when a queue changes (as createGround wires it). */
function setup() {
  // Every change goes through this catalog, so its cache (on a clock of its own) is always current.
  const queues = new QueueCatalog(new InMemoryQueueStateStore(), new ManualClock(0));
  const h = createHarness({ queues, sender: { transmitDelayMaxMs: 10_000 } });
  queues.onChange(() => h.sender.nudge());
  h.sender.start();
  const sent = () => h.uplink.sent.map((s) => s.command.id);
  return { h, queues, sent };
}

describe("queue states (SPEC §10)", () => {
  it("decides: a closed queue refuses submissions, only an open one sends", () => {
    expect([queueAccepts("open"), queueAccepts("held"), queueAccepts("closed")]).toEqual([true, true, false]);
    expect([queueSends("open"), queueSends("held"), queueSends("closed")]).toEqual([true, false, false]);
  });

  it("parses {state}, naming the field of a bad one", () => {
    expect(parseQueueState({ state: "held" })).toBe("held");
    expect(() => parseQueueState({ state: "paused" })).toThrow(expect.objectContaining({ field: "state" }));
    expect(() => parseQueueState({})).toThrow(expect.objectContaining({ field: "state" }));
    expect(() => parseQueueState({ state: "open", colour: 1 })).toThrow(
      expect.objectContaining({ field: "colour" }),
    );
    expect(() => parseQueueState([])).toThrow(expect.objectContaining({ field: "body" }));
  });

  it("held: accepts submissions but sends nothing until the queue opens", async () => {
    const { h, queues, sent } = setup();
    await queues.set("sc-1", { state: "held" });
    const { command } = await h.service.submit({ name: "PING" });
    expect(command.status).toBe("ready");
    h.clock.advance(60_000);
    await settle();
    expect(sent()).toEqual([]);
    await queues.set("sc-1", { state: "open" });
    h.clock.advance(10_001);
    await settle();
    expect(sent()).toEqual([command.id]);
    await h.sender.stop();
  });

  it("closed: refuses new submissions with queue_closed (counted), and queued commands wait", async () => {
    const { h, queues, sent } = setup();
    const { command } = await h.service.submit({ name: "PING" });
    await queues.set("sc-1", { state: "closed" });
    await expect(promiseOf(() => h.service.submit({ name: "PING" }))).rejects.toMatchObject({
      code: "queue_closed",
    });
    await expect(promiseOf(() => h.service.dryRun({ name: "PING" }))).rejects.toMatchObject({
      code: "queue_closed",
    });
    expect((await h.service.stats()).rejectedSubmissions).toBe(1);
    h.clock.advance(60_000);
    await settle();
    expect(sent()).toEqual([]);
    expect((await h.service.get(command.id)).status).toBe("ready");
    expect((await h.service.submit({ name: "PING", spacecraftId: "sc-2" })).command.status).toBe("ready");
    await queues.set("sc-1", { state: "open" });
    h.clock.advance(10_001);
    await settle();
    expect(sent()).toContain(command.id);
    await h.sender.stop();
  });

  it("stops a command already claimed and waiting out its transmit delay when the queue is held", async () => {
    const { h, queues, sent } = setup();
    const { command } = await h.service.submit({ name: "PING" });
    h.clock.advance(0);
    await settle();
    expect(h.sender.stats().pending).toBe(1);
    await queues.set("sc-1", { state: "held" });
    h.clock.advance(10_001);
    await settle();
    expect(sent()).toEqual([]);
    expect(h.sender.stats().pending).toBe(0);
    await queues.set("sc-1", { state: "open" });
    h.clock.advance(10_001);
    await settle();
    expect(sent()).toEqual([command.id]);
    await h.sender.stop();
  });
});
