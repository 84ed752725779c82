import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { promiseOf } from "../../src/awaitable.js";
import { defaultLifecycle } from "../../src/lifecycle/default-lifecycle.js";
import { Lifecycle } from "../../src/lifecycle/lifecycle.js";
import { defineLifecycle } from "../../src/lifecycle/lifecycle-definition.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import { createHarness, settle } from "./command-sender-harness.js";

/** Submits with `approval: true` as `ada`, the sender running with no transmit delay. */
async function pendingCommand() {
  const h = createHarness({ sender: { transmitDelayMaxMs: 0 } });
  h.sender.start();
  const { command } = await h.service.submit({ name: "PING", approval: true }, undefined, "ada");
  h.clock.advance(1_000);
  await settle();
  return { h, command };
}

describe("the two-person rule (SPEC §10)", () => {
  it("keeps a command submitted with approval: true in pending_approval, never sent", async () => {
    const { h, command } = await pendingCommand();
    expect(command.status).toBe("pending_approval");
    expect(h.uplink.sent).toEqual([]);
    expect((await h.service.get(command.id)).status).toBe("pending_approval");
    await h.sender.stop();
  });

  it("sends it once another person approves it, naming the approver", async () => {
    const { h, command } = await pendingCommand();
    const approved = await h.service.approve(command.id, "grace");
    expect(approved.status).toBe("ready");
    h.clock.advance(0);
    await settle();
    expect(h.uplink.sent.map((s) => s.command.id)).toEqual([command.id]);
    expect((await h.service.history(command.id)).map((e) => [e.from, e.to, e.actor, e.reason])).toEqual([
      [null, "pending_approval", "ada", null],
      ["pending_approval", "ready", "grace", "approved"],
      ["ready", "transmitted", "sender", null],
    ]);
    await h.sender.stop();
  });

  it("refuses its submitter's approval (self_approval) and changes nothing", async () => {
    const { h, command } = await pendingCommand();
    await expect(promiseOf(() => h.service.approve(command.id, "ada"))).rejects.toMatchObject({
      code: "self_approval",
    });
    const anonymous = (await h.service.submit({ name: "PING", approval: true })).command;
    await expect(promiseOf(() => h.service.approve(anonymous.id))).rejects.toMatchObject({
      code: "self_approval",
    });
    expect((await h.service.get(command.id)).version).toBe(1);
    expect(await h.service.history(command.id)).toHaveLength(1);
    await h.sender.stop();
  });

  it("cancels it on a rejection, with the reason and the rejecter in its history", async () => {
    const { h, command } = await pendingCommand();
    const rejected = await h.service.reject(command.id, "not during the eclipse", "grace");
    expect(rejected.status).toBe("cancelled");
    const last = (await h.service.history(command.id)).at(-1);
    expect(last).toMatchObject({ to: "cancelled", actor: "grace", reason: "not during the eclipse" });
    expect(h.uplink.sent).toEqual([]);
    await h.sender.stop();
  });

  it("answers a status conflict when the command is not pending approval", async () => {
    const h = createHarness();
    const { command } = await h.service.submit({ name: "PING" }, undefined, "ada");
    await expect(promiseOf(() => h.service.approve(command.id, "grace"))).rejects.toMatchObject({
      code: "status_conflict",
      status: "ready",
    });
    await expect(promiseOf(() => h.service.reject(command.id, "no", "grace"))).rejects.toMatchObject({
      code: "status_conflict",
      status: "ready",
    });
    const pending = (await h.service.submit({ name: "PING", approval: true }, undefined, "ada")).command;
    await h.service.approve(pending.id, "grace");
    await expect(promiseOf(() => h.service.approve(pending.id, "grace"))).rejects.toMatchObject({
      code: "status_conflict",
      status: "ready",
    });
  });

  it("lets a pending command be cancelled, and expires it when its notAfter passes", async () => {
    const { h } = await pendingCommand();
    const a = (await h.service.submit({ name: "PING", approval: true }, undefined, "ada")).command;
    expect((await h.service.cancel(a.id, "ada")).status).toBe("cancelled");
    const notAfter = h.clock.now() + 5_000;
    const b = (await h.service.submit({ name: "PING", approval: true, notAfter }, undefined, "ada")).command;
    h.clock.advance(5_001);
    await settle();
    expect(await h.service.get(b.id)).toMatchObject({ status: "failed", failureReason: "expired" });
    expect(h.uplink.sent).toEqual([]);
    await h.sender.stop();
  });

  it("refuses a command needing approval in a lifecycle with no approval state, storing nothing", async () => {
    const plain = defineLifecycle({
      ...defaultLifecycle,
      id: "no-approval",
      states: Object.fromEntries(
        Object.entries(defaultLifecycle.states).filter(([name]) => name !== "pending_approval"),
      ),
      transitions: defaultLifecycle.transitions
        .map((t) => ({ ...t, from: t.from.filter((f) => f !== "pending_approval") }))
        .filter((t) => t.from.length > 0),
    });
    const repository = new InMemoryTelecommandRepository();
    const service = new TelecommandService(
      repository,
      new ManualClock(0),
      new SeededRandom(1),
      new InProcessEventPublisher(),
      { lifecycle: new Lifecycle(plain) },
    );
    await expect(promiseOf(() => service.submit({ name: "PING", approval: true }))).rejects.toMatchObject({
      code: "validation_failed",
      field: "approval",
    });
    expect(await repository.countByStatus()).toEqual({});
    expect((await service.submit({ name: "PING" })).command.status).toBe("ready");
  });

  it("refuses a lifecycle whose APPROVE does not lead from an approval state to a queued one", () => {
    expect(() =>
      defineLifecycle({
        ...defaultLifecycle,
        id: "bad",
        transitions: [
          ...defaultLifecycle.transitions,
          { event: "APPROVE", from: ["transmitted"], to: "executed" },
        ],
      }),
    ).toThrow(/APPROVE/);
    expect(() =>
      defineLifecycle({
        ...defaultLifecycle,
        id: "leaky",
        transitions: [
          ...defaultLifecycle.transitions.filter((t) => t.event !== "TRANSMIT"),
          { event: "TRANSMIT", from: ["pending_approval", "ready"], to: "transmitted" },
        ],
      }),
    ).toThrow(/approval state "pending_approval"/);
  });
});
