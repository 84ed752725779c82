import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { ready } from "../../src/awaitable.js";
import { NotFoundError, StatusConflictError } from "../../src/errors.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import type { TransitionEvent } from "../../src/types.js";

const T0 = 1_893_456_000_000;

function setup() {
  const repository = new InMemoryTelecommandRepository();
  const publisher = new InProcessEventPublisher();
  const published: TransitionEvent[] = [];
  publisher.subscribe((e) => published.push(e));
  const service = new TelecommandService(repository, new ManualClock(T0), new SeededRandom(3), publisher);
  return { service, published };
}

describe("TelecommandService.tryCancel", () => {
  it("cancels a ready command and publishes the cancellation, at once on synchronous ports", () => {
    const { service, published } = setup();
    const { command } = ready(service.submit({ name: "PING" }));
    const outcome = ready(service.tryCancel(command.id));
    expect(outcome).toEqual({
      ok: true,
      command: expect.objectContaining({ id: command.id, status: "cancelled" }),
    });
    expect(published.map((e) => e.entry.to)).toEqual(["ready", "cancelled"]);
  });

  it("answers the status that won instead of throwing, and records nothing", () => {
    const { service, published } = setup();
    const { command } = ready(service.submit({ name: "PING" }));
    ready(service.apply(command.id, { type: "TRANSMIT" }, "sender"));
    const before = published.length;
    expect(ready(service.tryCancel(command.id))).toEqual({ ok: false, status: "transmitted" });
    expect(published).toHaveLength(before);
    expect(ready(service.get(command.id)).status).toBe("transmitted");
  });

  it("throws NotFoundError for an unknown id", () => {
    const { service } = setup();
    expect(() => service.tryCancel("0192e8a0-0000-7000-8000-000000000000")).toThrow(NotFoundError);
  });

  it("leaves cancel throwing a StatusConflictError with that status", async () => {
    const { service } = setup();
    const { command } = ready(service.submit({ name: "PING" }));
    ready(service.tryCancel(command.id));
    const error = await Promise.resolve()
      .then(() => service.cancel(command.id))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatusConflictError);
    expect(error).toMatchObject({ status: "cancelled", operation: "cancel" });
  });
});
