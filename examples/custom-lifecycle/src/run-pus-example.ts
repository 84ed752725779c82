import {
  InMemoryTelecommandRepository,
  InProcessEventPublisher,
  Lifecycle,
  ManualClock,
  SeededRandom,
  TelecommandService,
  type TransitionEvent,
} from "@uplink/core";
import { pusLifecycle } from "./pus-lifecycle.js";

/**
 * Runs two commands through the PUS lifecycle with the core's own services: one to `executed`
 * through `started`, one that fails after starting. Returns every published transition.
 */
export async function runPusExample(): Promise<TransitionEvent[]> {
  const lifecycle = new Lifecycle(pusLifecycle);
  const clock = new ManualClock(Date.parse("2030-01-01T00:00:00Z"));
  const publisher = new InProcessEventPublisher();
  const events: TransitionEvent[] = [];
  publisher.subscribe((event) => events.push(event));
  const repository = new InMemoryTelecommandRepository({ queuedStatuses: lifecycle.queuedStatuses });
  const service = new TelecommandService(repository, clock, new SeededRandom(1), publisher, { lifecycle });

  const deploy = await service.submit({ name: "DEPLOY_ANTENNA", args: { panel: 2 } });
  const heater = await service.submit({ name: "HEATER_ON", args: { zone: "battery" } });
  for (const [command, reports] of [
    [deploy.command, ["TRANSMIT", "ACCEPTED", "STARTED", "COMPLETED"]],
    [heater.command, ["TRANSMIT", "ACCEPTED", "STARTED", "COMPLETION_FAILED"]],
  ] as const) {
    for (const type of reports) {
      clock.advance(1_000);
      await service.apply(command.id, { type }, type === "TRANSMIT" ? "sender" : "spacecraft");
    }
  }
  return events;
}
