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
    actor: "system",
    ignored: true,
    kind: "transition",
  };
}

/** A history in a list, and a live feed the test publishes to by hand. */
class FakeFeed implements TransitionFeed {
  readonly stored: HistoryEntry[] = [];
  readonly publisher = new InProcessEventPublisher();
  private readonly onMissed = new Set<() => void>();
  subscribe(listener: (event: TransitionEvent) => void, onMissed?: () => void): () => void {
    const off = this.publisher.subscribe(listener);
    if (onMissed) this.onMissed.add(onMissed);
    return () => {
      off();
      if (onMissed) this.onMissed.delete(onMissed);
    };
  }
  async lastEventId(): Promise<number> {
    return this.stored.reduce((last, e) => Math.max(last, e.eventId), 0);
  }
  /** Tells the subscribers that notifications may have been lost. */
  missed(): void {
    for (const listener of this.onMissed) listener();
  }
  /** When set, history reads answer what was stored when they started, once it resolves. */
  gate: Promise<void> | null = null;
  async historyAfter(after: number, limit: number): Promise<readonly HistoryEntry[]> {
    const page = this.stored
      .filter((e) => e.eventId > after)
      .sort((a, b) => a.eventId - b.eventId)
      .slice(0, limit);
    if (this.gate) await this.gate;
    return page;
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

  it("moves on past an id the history lacks (gap-free ids rule it out) rather than stall", async () => {
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
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
        phase,
        phase,
        fc.boolean(),
        async (resumeAfter, duringReplay, afterReplay, signalMissed) => {
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
          if (signalMissed) {
            feed.missed();
            await settle();
          }
          const sent = sentIds();
          session.close();
          // A fresh stream starts after what was committed when it opened (12), a resumed one
          // after its id. Every id up to the last one the stream was told about is sent; ids
          // whose notification never came may only follow, without holes, and all of them
          // once the feed says notifications were missed.
          const anchor = resumeAfter ?? 12;
          const told = Math.max(12, ...publishedDuring, ...publishedLater);
          const reachable = signalMissed ? next - 1 : Math.max(told, ...sent);
          const expected = feed.stored.map((e) => e.eventId).filter((id) => id > anchor && id <= reachable);
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

  it("starts a fresh stream after what was committed when it opened, however late notifications come", async () => {
    const feed = new FakeFeed();
    const clock = new ManualClock(0);
    const out = new PassThrough();
    const sentIds = collector(out);
    const [, , e3] = [feed.store(1), feed.store(2), feed.store(3)];
    const session = new EventStreamSession(out, feed, async () => command(1), clock, TUNING, null);
    await session.run(await session.open());
    // Committed before it opened: not part of this stream, even when its notification comes late.
    feed.publisher.publish(e3);
    // Committed after it opened: 4 on another process (its notification comes later), 5 here.
    const e4 = feed.store(4);
    feed.publisher.publish(feed.store(5));
    expect(sentIds()).toEqual([]);
    feed.publisher.publish(e4);
    expect(sentIds()).toEqual([4, 5]);
    session.close();
  });

  it("reads the history up to the last committed id when the feed says notifications were missed", async () => {
    const feed = new FakeFeed();
    const clock = new ManualClock(0);
    const out = new PassThrough();
    const sentIds = collector(out);
    feed.store(1);
    const session = new EventStreamSession(out, feed, async () => command(1), clock, TUNING, null);
    await session.run(await session.open());
    feed.store(2);
    feed.store(3);
    expect(sentIds()).toEqual([]);
    feed.missed();
    await settle();
    expect(sentIds()).toEqual([2, 3]);
    feed.publisher.publish(feed.store(4));
    expect(sentIds()).toEqual([4]);
    session.close();
  });

  it("catches up after the replay when notifications were missed during it", async () => {
    const feed = new FakeFeed();
    const clock = new ManualClock(0);
    const out = new PassThrough();
    const sentIds = collector(out);
    // Two pages of replay: 1–4 read by open, 5–7 by run, the last (shorter than a page).
    for (let id = 1; id <= 7; id++) feed.store(id);
    const session = new EventStreamSession(out, feed, async () => command(1), clock, TUNING, 0);
    const firstPage = await session.open();
    let release: () => void = () => undefined;
    feed.gate = new Promise((resolve) => {
      release = resolve;
    });
    const running = session.run(firstPage);
    await settle();
    // The replay's last read has started; 8 is committed meanwhile and its notification lost.
    feed.store(8);
    feed.missed();
    feed.gate = null;
    release();
    await running;
    await settle();
    expect(sentIds()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    session.close();
  });
});
