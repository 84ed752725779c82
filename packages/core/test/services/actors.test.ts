import { describe, expect, it } from "vitest";
import { actorOfSource } from "../../src/types.js";
import { createHarness, settle } from "./command-sender-harness.js";

describe("actors (SPEC §10)", () => {
  it("names the submitter on the command and on its first entry, and the canceller on the cancel", async () => {
    const h = createHarness();
    const { command } = await h.service.submit({ name: "PING" }, undefined, "ada");
    expect(command.submittedBy).toBe("ada");
    const cancelled = await h.service.cancel(command.id, "grace");
    expect(cancelled.submittedBy).toBe("ada");
    const history = await h.service.history(command.id);
    expect(history.map((e) => [e.to, e.source, e.actor])).toEqual([
      ["ready", "operator", "ada"],
      ["cancelled", "operator", "grace"],
    ]);
  });

  it("names `anonymous` when no user is given", async () => {
    const h = createHarness();
    const { command } = await h.service.submit({ name: "PING" });
    expect(command.submittedBy).toBe("anonymous");
    expect((await h.service.history(command.id))[0]?.actor).toBe("anonymous");
  });

  it("names the sender for a transmission, the spacecraft for reports and the system for timeouts", async () => {
    const h = createHarness({ sender: { transmitDelayMaxMs: 0 }, timeouts: { acceptanceMs: 1_000 } });
    h.sender.start();
    const { command } = await h.service.submit({ name: "PING" }, undefined, "ada");
    h.clock.advance(0);
    await settle();
    await h.service.apply(command.id, { type: "ACCEPTED" }, "spacecraft");
    await h.service.apply(command.id, { type: "ACCEPTED" }, "spacecraft");
    const other = (await h.service.submit({ name: "PING" }, undefined, "ada")).command;
    h.clock.advance(0);
    await settle();
    h.clock.advance(1_001);
    await settle();
    await h.sender.stop();
    expect((await h.service.history(command.id)).map((e) => [e.to, e.actor, e.ignored])).toEqual([
      ["ready", "ada", false],
      ["transmitted", "sender", false],
      ["acknowledged", "spacecraft", false],
      ["acknowledged", "spacecraft", true],
    ]);
    expect((await h.service.history(other.id)).map((e) => [e.to, e.actor])).toEqual([
      ["ready", "ada"],
      ["transmitted", "sender"],
      ["failed", "system"],
    ]);
  });

  it("maps every source to its actor", () => {
    expect(
      ["operator", "sender", "spacecraft", "timeout", "system"].map((s) => actorOfSource(s as never)),
    ).toEqual(["anonymous", "sender", "spacecraft", "system", "system"]);
  });
});
