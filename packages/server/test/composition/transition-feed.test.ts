import {
  InMemoryTelecommandRepository,
  InProcessEventPublisher,
  ManualClock,
  SeededRandom,
  TelecommandService,
  type TransitionEvent,
} from "@uplink/core";
import { describe, expect, it } from "vitest";
import type { ChangeFeed } from "../../src/adapters/postgres/change-feed.js";
import { createTransitionFeed } from "../../src/composition/transition-feed.js";
import type { ChangeNotice } from "../../src/database/change-bus.js";
import { eventually } from "../support/server.js";

/** A change feed whose notices the test sends. */
function fakeChanges() {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  const feed: ChangeFeed = {
    onTransition(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onSubmitted: () => () => undefined,
    onReconnected: () => () => undefined,
    ready: async () => undefined,
    close: async () => undefined,
  };
  const notify = (notice: ChangeNotice) => {
    for (const listener of listeners) listener(notice);
  };
  return { feed, notify };
}

function rig() {
  const repository = new InMemoryTelecommandRepository();
  const local = new InProcessEventPublisher();
  const clock = new ManualClock(1_893_456_000_000);
  const here = new TelecommandService(repository, clock, new SeededRandom(1), local);
  // Another process: same storage, its own publisher that this feed does not see.
  const elsewhere = new TelecommandService(
    repository,
    clock,
    new SeededRandom(2),
    new InProcessEventPublisher(),
  );
  const changes = fakeChanges();
  const feed = createTransitionFeed({ publisher: local, repository, changes: changes.feed });
  const received: TransitionEvent[] = [];
  feed.subscribe((event) => received.push(event));
  return { repository, here, elsewhere, changes, feed, received };
}

const noticeOf = (event: TransitionEvent): ChangeNotice => ({
  eventId: event.entry.eventId,
  commandId: event.command.id,
  status: event.command.status,
  spacecraftId: event.command.spacecraftId,
  submitted: event.entry.from === null,
});

describe("createTransitionFeed", () => {
  it("delivers this process's transitions at once, and skips their notification echoes", async () => {
    const { repository, here, elsewhere, changes, received } = rig();
    const { command } = await here.submit({ name: "PING" });
    expect(received.map((e) => e.command.id)).toEqual([command.id]);
    changes.notify(noticeOf(received[0] as TransitionEvent));
    // Remote notices are read in the order they arrive: once a later one is delivered, an echo
    // that had not been skipped would have been delivered before it.
    const { command: later } = await elsewhere.submit({ name: "PONG" });
    const [entry] = await repository.history(later.id);
    changes.notify({
      eventId: entry?.eventId as number,
      commandId: later.id,
      status: "ready",
      spacecraftId: later.spacecraftId,
      submitted: true,
    });
    await eventually(async () => (received.length >= 2 ? true : undefined), 5_000, 5);
    expect(received.map((e) => e.command.id)).toEqual([command.id, later.id]);
  });

  it("reads the transitions of other processes from storage when their notices arrive", async () => {
    const { repository, elsewhere, changes, received } = rig();
    const { command } = await elsewhere.submit({ name: "SET_MODE", args: { mode: "safe" } });
    await elsewhere.apply(command.id, { type: "TRANSMIT" }, "sender");
    const history = await repository.history(command.id);
    for (const entry of history) {
      changes.notify({
        eventId: entry.eventId,
        commandId: command.id,
        status: entry.to,
        spacecraftId: "sc-1",
        submitted: entry.from === null,
      });
    }
    await eventually(async () => (received.length >= history.length ? true : undefined), 5_000, 5);
    expect(received.map((e) => [e.entry.eventId, e.entry.to, e.command.name])).toEqual([
      [history[0]?.eventId, "ready", "SET_MODE"],
      [history[1]?.eventId, "transmitted", "SET_MODE"],
    ]);
  });

  it("stops delivering once closed", async () => {
    const { here, feed, received } = rig();
    feed.close();
    await here.submit({ name: "PING" });
    expect(received).toEqual([]);
  });
});
