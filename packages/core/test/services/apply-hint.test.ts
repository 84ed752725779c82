import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";

async function rig() {
  const service = new TelecommandService(
    new InMemoryTelecommandRepository(),
    new ManualClock(Date.UTC(2030, 0, 1)),
    new SeededRandom(5),
    new InProcessEventPublisher(),
  );
  const { command: ready } = await service.submit({ name: "PING" });
  const sent = await service.apply(ready.id, { type: "TRANSMIT" }, "sender");
  if (sent.kind !== "applied") throw new Error("not transmitted");
  return { service, ready, transmitted: sent.command };
}

describe("TelecommandService.apply with a hint", () => {
  it("reads the command when an out-of-date hint refuses the event", async () => {
    const { service, ready } = await rig();
    const result = await service.apply(ready.id, { type: "ACCEPTED" }, "spacecraft", ready, { hint: true });
    expect(result).toMatchObject({ kind: "applied", command: { status: "acknowledged" } });
  });

  it("records the event as ignored once when the command refuses it too", async () => {
    const { service, transmitted } = await rig();
    await service.apply(transmitted.id, { type: "COMPLETED" }, "spacecraft");
    const result = await service.apply(transmitted.id, { type: "COMPLETED" }, "spacecraft", transmitted, {
      hint: true,
    });
    expect(result).toMatchObject({ kind: "ignored", command: { status: "executed" } });
    const history = await service.history(transmitted.id);
    expect(history.filter((e) => e.ignored)).toHaveLength(1);
  });

  it("without the hint flag, takes a refusing known command at its word", async () => {
    const { service, ready } = await rig();
    const result = await service.apply(ready.id, { type: "ACCEPTED" }, "spacecraft", ready);
    expect(result).toMatchObject({ kind: "ignored", command: { status: "ready" } });
  });
});
