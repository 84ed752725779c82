import {
  InMemoryTelecommandRepository,
  InProcessEventPublisher,
  ManualClock,
  SeededRandom,
  TelecommandService,
} from "@uplink/core";
import { describe, expect, it } from "vitest";
import type { ChangeFeed } from "../../src/adapters/postgres/change-feed.js";
import { onRemoteSubmissions } from "../../src/composition/remote-submissions.js";
import type { ChangeNotice } from "../../src/database/change-bus.js";

describe("onRemoteSubmissions", () => {
  it("wakes for other processes' submissions only, not for this process's echoes or transitions", async () => {
    const listeners: ((notice: ChangeNotice) => void)[] = [];
    const changes = {
      onTransition: (listener: (notice: ChangeNotice) => void) => {
        listeners.push(listener);
        return () => undefined;
      },
    } as unknown as ChangeFeed;
    const publisher = new InProcessEventPublisher();
    const service = new TelecommandService(
      new InMemoryTelecommandRepository(),
      new ManualClock(0),
      new SeededRandom(3),
      publisher,
    );
    const woken: string[] = [];
    onRemoteSubmissions(changes, publisher, (id) => woken.push(id));
    const notify = (notice: ChangeNotice) => {
      for (const listener of listeners) listener(notice);
    };

    const { command } = await service.submit({ name: "PING", spacecraftId: "sc-local" });
    const local = (await service.history(command.id))[0]?.eventId as number;
    notify({
      eventId: local,
      commandId: command.id,
      status: "ready",
      spacecraftId: "sc-local",
      submitted: true,
    });
    notify({
      eventId: 900,
      commandId: "remote",
      status: "ready",
      spacecraftId: "sc-remote",
      submitted: true,
    });
    notify({
      eventId: 901,
      commandId: "remote",
      status: "transmitted",
      spacecraftId: "sc-remote",
      submitted: false,
    });
    expect(woken).toEqual(["sc-remote"]);
  });
});
