import { describe, expect, it } from "vitest";
import { promiseOf } from "../../src/awaitable.js";
import { createHarness, settle } from "./command-sender-harness.js";

describe("holding a ready command (SPEC §10)", () => {
  it("keeps it ready and held, skipped by the sender, until it is released", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 0 } });
    h.sender.start();
    // Held before the sender's first turn at it.
    const { command } = await h.service.submit(
      { name: "PING", notBefore: h.clock.now() + 1_000 },
      undefined,
      "ada",
    );
    const other = (await h.service.submit({ name: "PING", notBefore: h.clock.now() + 1_000 })).command;
    const held = await h.service.hold(command.id, "grace");
    expect(held).toMatchObject({ status: "ready", held: true, version: 2 });
    h.clock.advance(60_000);
    await settle();
    expect(h.uplink.sent.map((s) => s.command.id)).toEqual([other.id]);
    const released = await h.service.release(command.id, "grace");
    expect(released).toMatchObject({ status: "ready", held: false, version: 3 });
    h.clock.advance(0);
    await settle();
    expect(h.uplink.sent.map((s) => s.command.id)).toEqual([other.id, command.id]);
    expect((await h.service.history(command.id)).map((e) => [e.kind, e.to, e.actor])).toEqual([
      ["transition", "ready", "ada"],
      ["hold", "ready", "grace"],
      ["release", "ready", "grace"],
      ["transition", "transmitted", "sender"],
    ]);
    await h.sender.stop();
  });

  it("takes a command back from the sender while it waits out its transmit delay", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 10_000 } });
    h.sender.start();
    const { command } = await h.service.submit({ name: "PING" });
    h.clock.advance(0);
    await settle();
    expect(h.sender.stats().pending).toBe(1);
    await h.service.hold(command.id, "grace");
    // Taken back by the operator, not lost to another writer.
    expect(h.sender.stats()).toMatchObject({ pending: 0, heldBack: 1, lostRaces: 0 });
    h.clock.advance(20_000);
    await settle();
    expect(h.uplink.sent).toEqual([]);
    await h.service.release(command.id, "grace");
    h.clock.advance(10_001);
    await settle();
    expect(h.uplink.sent.map((s) => s.command.id)).toEqual([command.id]);
    expect(h.sender.stats()).toMatchObject({ transmitted: 1, heldBack: 1, lostRaces: 0 });
    await h.sender.stop();
  });

  it("lets a held command be cancelled or expire, ending the hold; refuses to hold one not ready", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 0 } });
    h.sender.start();
    const a = (await h.service.submit({ name: "PING", notBefore: h.clock.now() + 1_000 })).command;
    await h.service.hold(a.id);
    expect(await h.service.cancel(a.id)).toMatchObject({ status: "cancelled", held: false });
    await expect(promiseOf(() => h.service.hold(a.id))).rejects.toMatchObject({
      code: "status_conflict",
      status: "cancelled",
    });
    const b = (
      await h.service.submit({
        name: "PING",
        notBefore: h.clock.now() + 1_000,
        notAfter: h.clock.now() + 5_000,
      })
    ).command;
    await h.service.hold(b.id);
    h.clock.advance(5_001);
    await settle();
    expect(await h.service.get(b.id)).toMatchObject({
      status: "failed",
      failureReason: "expired",
      held: false,
    });
    const pending = (await h.service.submit({ name: "PING", approval: true }, undefined, "ada")).command;
    await expect(promiseOf(() => h.service.hold(pending.id))).rejects.toMatchObject({
      status: "pending_approval",
    });
    expect(h.uplink.sent).toEqual([]);
    await h.sender.stop();
  });

  it("changes nothing when holding a held command or releasing one not held", async () => {
    const h = createHarness();
    const { command } = await h.service.submit({ name: "PING" });
    expect(await h.service.release(command.id)).toEqual(command);
    const held = await h.service.hold(command.id);
    expect(await h.service.hold(command.id)).toEqual(held);
    expect(await h.service.history(command.id)).toHaveLength(2);
  });
});
