import { describe, expect, it } from "vitest";
import { InMemoryDownlinkLog } from "../../src/adapters/in-memory-downlink-log.js";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { AlwaysContactPlan } from "../../src/contacts/always-contact-plan.js";
import { Lifecycle } from "../../src/lifecycle/lifecycle.js";
import type { GroundPorts } from "../../src/services/create-ground.js";
import { createGround } from "../../src/services/create-ground.js";
import { report, T0 } from "../downlink/downlink-fixture.js";
import { RecordingUplink } from "./command-sender-harness.js";

function ports(clock = new ManualClock(T0)) {
  const uplink = new RecordingUplink(clock);
  const parts = {
    repository: new InMemoryTelecommandRepository(),
    clock,
    random: new SeededRandom(3),
    publisher: new InProcessEventPublisher(),
    downlinkLog: new InMemoryDownlinkLog(),
    uplink,
    contactPlan: new AlwaysContactPlan(),
  };
  return { clock, uplink, parts };
}

describe("createGround", () => {
  it("wires a service, a sender and the downlink processor on the same ports: submitted, sent, reported, executed", async () => {
    const { clock, uplink, parts } = ports();
    const ground = createGround(parts, { timeouts: { acceptanceMs: 60_000 } });
    const sender = ground.sender({ owner: "sender-1", transmitDelayMaxMs: 0 });
    parts.publisher.subscribe(sender.observe);
    sender.start();
    const { command } = await ground.telecommands.submit({ name: "PING" });
    await clock.advanceAsync(1_000);
    expect(uplink.sent.map((s) => s.command.id)).toEqual([command.id]);
    const sent = await ground.telecommands.get(command.id);
    expect(sent.status).toBe("transmitted");
    expect(sent.deadline).toBe((sent.transmittedAt ?? 0) + 60_000);
    await ground.downlink.receive([report(1, "acceptance", command.id), report(2, "completion", command.id)]);
    expect((await ground.telecommands.get(command.id)).status).toBe("executed");
    await sender.stop();
    await ground.downlink.stop();
  });

  it("builds each service once, on first use, and reads a sender's ports only for a sender", () => {
    const { parts } = ports();
    const read: string[] = [];
    const lazy: GroundPorts = {
      ...parts,
      get uplink() {
        read.push("uplink");
        return parts.uplink;
      },
      get contactPlan() {
        read.push("contactPlan");
        return parts.contactPlan;
      },
    };
    const ground = createGround(lazy, { lifecycle: new Lifecycle() });
    expect(ground.telecommands).toBe(ground.telecommands);
    expect(ground.downlink).toBe(ground.downlink);
    expect(read).toEqual([]);
    const sender = ground.sender({ owner: "s" });
    expect(read.sort()).toEqual(["contactPlan", "uplink"]);
    expect(ground.sender({ owner: "t" })).not.toBe(sender);
  });

  it("hands the lifecycle to the service", () => {
    const lifecycle = new Lifecycle();
    expect(createGround(ports().parts, { lifecycle }).telecommands.lifecycle).toBe(lifecycle);
  });
});
