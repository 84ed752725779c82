import { describe, expect, it } from "vitest";
import { promiseOf } from "../../src/awaitable.js";
import type { TransitionEvent } from "../../src/types.js";
import { createHarness } from "./command-sender-harness.js";

describe("comments (SPEC §10)", () => {
  it("adds a history entry of kind comment with its actor, published, the command unchanged", async () => {
    const h = createHarness();
    const events: TransitionEvent[] = [];
    h.publisher.subscribe((e) => events.push(e));
    const { command } = await h.service.submit({ name: "PING" }, undefined, "ada");
    const entry = await h.service.comment(command.id, "check the battery first", "grace");
    expect(entry).toMatchObject({
      commandId: command.id,
      seq: 2,
      from: "ready",
      to: "ready",
      reason: "check the battery first",
      actor: "grace",
      source: "operator",
      ignored: false,
      kind: "comment",
    });
    expect(await h.service.get(command.id)).toEqual(command);
    expect(await h.service.history(command.id)).toEqual([
      expect.objectContaining({ kind: "transition" }),
      entry,
    ]);
    expect(events.at(-1)).toEqual({ command, entry });
  });

  it("refuses an empty or too long text (naming `text`) and an unknown command, recording nothing", async () => {
    const h = createHarness();
    const { command } = await h.service.submit({ name: "PING" });
    for (const text of ["", "   ", "x".repeat(1_001)]) {
      expect(() => h.service.comment(command.id, text)).toThrow(expect.objectContaining({ field: "text" }));
    }
    expect((await h.service.comment(command.id, "x".repeat(1_000))).kind).toBe("comment");
    await expect(
      promiseOf(() => h.service.comment("01890000-0000-7000-8000-000000000000", "hello")),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await h.service.history(command.id)).toHaveLength(2);
  });

  it("leaves a commented command to the sender and the lifecycle as before", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 0 } });
    h.sender.start();
    const { command } = await h.service.submit({ name: "PING" }, undefined, "ada");
    await h.service.comment(command.id, "go", "grace");
    h.clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.uplink.sent.map((s) => s.command.id)).toEqual([command.id]);
    expect((await h.service.history(command.id)).map((e) => [e.to, e.kind])).toEqual([
      ["ready", "transition"],
      ["ready", "comment"],
      ["transmitted", "transition"],
    ]);
    await h.sender.stop();
  });
});
