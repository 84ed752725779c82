import {
  InMemoryTelecommandRepository,
  InProcessEventPublisher,
  ManualClock,
  SeededRandom,
  StorageUnavailableError,
  TelecommandService,
  type TransitionEvent,
} from "@uplink/core";
import { describe, expect, it } from "vitest";
import type { ChangeFeed } from "../../src/adapters/postgres/change-feed.js";
import { searchLastEventId } from "../../src/composition/last-event-id.js";
import { createTransitionFeed } from "../../src/composition/transition-feed.js";
import type { ChangeNotice } from "../../src/database/change-bus.js";
import { eventually } from "../support/server.js";

/** A change feed whose notices, reconnections and readiness the test controls. */
function fakeChanges(ready: Promise<void> = Promise.resolve()) {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  const reconnections = new Set<() => void>();
  const feed: ChangeFeed = {
    onTransition(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onSubmitted: () => () => undefined,
    onReconnected(listener) {
      reconnections.add(listener);
      return () => reconnections.delete(listener);
    },
    ready: () => ready,
    close: async () => undefined,
  };
  const notify = (notice: ChangeNotice) => {
    for (const listener of listeners) listener(notice);
  };
  const reconnect = () => {
    for (const listener of reconnections) listener();
  };
  return { feed, notify, reconnect };
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

  it("tells subscribers to catch up when the change feed reconnects or a notified entry cannot be read", async () => {
    const { repository, elsewhere, changes, feed } = rig();
    let missed = 0;
    feed.subscribe(
      () => undefined,
      () => missed++,
    );
    changes.reconnect();
    expect(missed).toBe(1);
    const { command } = await elsewhere.submit({ name: "PING" });
    const [entry] = await repository.history(command.id);
    repository.historyAfter = async () => {
      throw new StorageUnavailableError("down");
    };
    changes.notify({
      eventId: entry?.eventId as number,
      commandId: command.id,
      status: "ready",
      spacecraftId: "sc-1",
      submitted: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(missed).toBe(2);
  });

  it("reads the last event id only once the change feed listens, and fails as an outage if it never does", async () => {
    const repository = new InMemoryTelecommandRepository();
    let listen: () => void = () => undefined;
    const changes = fakeChanges(
      new Promise<void>((resolve) => {
        listen = resolve;
      }),
    );
    const feed = createTransitionFeed({
      publisher: new InProcessEventPublisher(),
      repository,
      changes: changes.feed,
      lastEventId: async () => 41,
      readyTimeoutMs: 50,
    });
    await expect(feed.lastEventId()).rejects.toBeInstanceOf(StorageUnavailableError);
    const reading = feed.lastEventId();
    listen();
    expect(await reading).toBe(41);
  });
});

describe("searchLastEventId", () => {
  it("finds the last id of any gap-free history with a logarithmic number of reads", async () => {
    for (const last of [0, 1, 2, 3, 7, 8, 9, 100, 1023, 1024, 1025, 77_777]) {
      let reads = 0;
      const found = await searchLastEventId(async (after, limit) => {
        reads++;
        const first = after + 1;
        return first <= last
          ? Array.from({ length: Math.min(limit, last - after) }, (_, i) => ({ eventId: first + i }) as never)
          : [];
      });
      expect(found).toBe(last);
      expect(reads).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(last + 2)) + 2);
    }
  });
});
