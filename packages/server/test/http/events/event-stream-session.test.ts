import { PassThrough } from "node:stream";
import {
  type HistoryEntry,
  InProcessEventPublisher,
  ManualClock,
  type Telecommand,
  type TransitionEvent,
} from "@uplink/core";
import { makeTelecommand } from "@uplink/core/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventStreamSession, type EventStreamTuning } from "../../../src/http/events/event-stream-session.js";
import type { TransitionFeed } from "../../../src/http/http-deps.js";

const TUNING: EventStreamTuning = {
  heartbeatMs: 60_000,
  gapWaitMs: 100,
  maxBacklogBytes: 1 << 20,
  replayPageSize: 4,
};
const COMMAND_ID = "01890000-0000-7000-8000-000000000001";

function command(version: number): Telecommand {
  return makeTelecommand({ id: COMMAND_ID, createdAt: 0, version });
}

function entry(eventId: number): HistoryEntry {
  return {
    eventId,
    commandId: COMMAND_ID,
    seq: eventId,
    from: "ready",
    to: "ready",
    at: 0,
    reason: null,
    source: "system",
    ignored: true,
  };
}

/** A history in a list, and a live feed the test publishes to by hand. */
class FakeFeed implements TransitionFeed {
  readonly stored: HistoryEntry[] = [];
  readonly publisher = new InProcessEventPublisher();
  subscribe(listener: (event: TransitionEvent) => void): () => void {
    return this.publisher.subscribe(listener);
  }
  async historyAfter(after: number, limit: number): Promise<readonly HistoryEntry[]> {
    return this.stored
      .filter((e) => e.eventId > after)
      .sort((a, b) => a.eventId - b.eventId)
      .slice(0, limit);
  }
  store(id: number): TransitionEvent {
    const e = entry(id);
    this.stored.push(e);
    return { command: command(id), entry: e };
  }
}

/** Reads a stream as it is written; each call returns the event ids sent since the last call. */
function collector(out: PassThrough): () => number[] {
  let text = "";
  out.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return () => {
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    text = "";
    return ids;
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe("EventStreamSession", () => {
  it("sends live events in id order, holding one that arrives ahead of a missing id", async () => {
    const feed = new FakeFeed();
    const clock = new ManualClock(0);
    const out = new PassThrough();
    const sentIds = collector(out);
    const session = new EventStreamSession(out, feed, async () => command(1), clock, TUNING, 0);
    await session.run(await session.open());
    const [e1, e2, e3] = [feed.store(1), feed.store(2), feed.store(3)];
    feed.publisher.publish(e1);
    feed.publisher.publish(e3);
    expect(sentIds()).toEqual([1]);
    feed.publisher.publish(e2);
    expect(sentIds()).toEqual([2, 3]);
    session.close();
  });

  it("fills a gap from the history when a notification never comes, after gapWaitMs", async () => {
    const feed = new FakeFeed();
    const clock = new ManualClock(0);
    const out = new PassThrough();
    const sentIds = collector(out);
    const session = new EventStreamSession(out, feed, async () => command(1), clock, TUNING, 0);
    await session.run(await session.open());
    feed.store(1);
    const e2 = feed.store(2);
    feed.publisher.publish(e2);
    expect(sentIds()).toEqual([]);
    clock.advance(TUNING.gapWaitMs);
    await settle();
    expect(sentIds()).toEqual([1, 2]);
    session.close();
  });

  it("skips an id that never reaches the history once the wait is over", async () => {
    const feed = new FakeFeed();
    const clock = new ManualClock(0);
    const out = new PassThrough();
    const sentIds = collector(out);
    const session = new EventStreamSession(out, feed, async () => command(1), clock, TUNING, 0);
    await session.run(await session.open());
    feed.publisher.publish(feed.store(1));
    feed.publisher.publish(feed.store(3));
    clock.advance(TUNING.gapWaitMs);
    await settle();
    feed.publisher.publish(feed.store(4));
    expect(sentIds()).toEqual([1, 3, 4]);
    session.close();
  });

  it("delivers every stored event once, in order, whatever the order and loss of live notifications", async () => {
    // Ids are handed out in increasing order; notifications arrive in any order, some never.
    const phase = fc.array(fc.record({ published: fc.boolean(), order: fc.nat(100) }), { maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        phase,
        phase,
        async (resumeAfter, duringReplay, afterReplay) => {
          const feed = new FakeFeed();
          const clock = new ManualClock(0);
          const out = new PassThrough();
          const sentIds = collector(out);
          for (let id = 1; id <= 12; id++) feed.store(id);
          let next = 13;
          const storeAndPublish = (notes: typeof duringReplay): number[] => {
            const stored = notes.map((note) => ({ ...note, event: feed.store(next++) }));
            const published = stored.filter((s) => s.published).sort((a, b) => a.order - b.order);
            for (const s of published) feed.publisher.publish(s.event);
            return published.map((s) => s.event.entry.eventId);
          };
          const session = new EventStreamSession(
            out,
            feed,
            async () => command(1),
            clock,
            TUNING,
            resumeAfter,
          );
          const running = session.run(await session.open());
          const publishedDuring = storeAndPublish(duringReplay);
          await running;
          const publishedLater = storeAndPublish(afterReplay);
          for (let i = 0; i < 3; i++) {
            clock.advance(TUNING.gapWaitMs);
            await settle();
          }
          const sent = sentIds();
          session.close();
          // Every id up to the last one the stream was told about is sent; ids stored after the
          // replay's last read whose notification never came may only follow, without holes.
          const told = Math.max(12, ...publishedDuring, ...publishedLater);
          const reachable = Math.max(told, ...sent);
          const expected = feed.stored
            .map((e) => e.eventId)
            .filter((id) => id > resumeAfter && id <= reachable);
          expect(sent).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("follows live events when the client resumes from an id this server never had", async () => {
    const feed = new FakeFeed();
    const clock = new ManualClock(0);
    const out = new PassThrough();
    const sentIds = collector(out);
    feed.store(1);
    const session = new EventStreamSession(out, feed, async () => command(1), clock, TUNING, 500);
    await session.run(await session.open());
    feed.publisher.publish(feed.store(2));
    feed.publisher.publish(feed.store(3));
    expect(sentIds()).toEqual([2, 3]);
    session.close();
  });

  it("still waits for the next id when the client's id is the newest one stored", async () => {
    const feed = new FakeFeed();
    const clock = new ManualClock(0);
    const out = new PassThrough();
    const sentIds = collector(out);
    feed.store(1);
    feed.store(2);
    const session = new EventStreamSession(out, feed, async () => command(1), clock, TUNING, 2);
    await session.run(await session.open());
    feed.store(3);
    feed.publisher.publish(feed.store(4));
    expect(sentIds()).toEqual([]);
    clock.advance(TUNING.gapWaitMs);
    await settle();
    expect(sentIds()).toEqual([3, 4]);
    session.close();
  });
});
