import type { Writable } from "node:stream";
import type { Clock, HistoryEntry, Telecommand, TimerHandle, TransitionEvent } from "@uplink/core";
import type { Logger } from "pino";
import type { TransitionFeed } from "../http-deps.js";
import { toWireEvent } from "../wire/telecommand-wire.js";

/** How a stream paces itself. */
export interface EventStreamTuning {
  readonly heartbeatMs: number;
  readonly gapWaitMs: number;
  readonly maxBacklogBytes: number;
  readonly replayPageSize: number;
}

/** Finds the command a replayed history entry belongs to (its current state). */
export type CommandLookup = (id: string) => Promise<Telecommand | null>;

/**
 * One client's `GET /api/events` stream. It subscribes to live transitions first, then replays
 * the history after the client's last event id, so nothing falls between the two; every event
 * goes out once, in event-id order. A live event that arrives ahead of a missing id (another
 * transaction still committing, or a notification still on its way) is held up to `gapWaitMs`;
 * then the history is read to fill the gap and the stream moves on.
 *
 * Replayed events carry the command as it is now; live ones carry it as of the transition.
 */
export class EventStreamSession {
  private lastSent: number | null;
  private readonly held = new Map<number, TransitionEvent>();
  private unsubscribe: (() => void) | null = null;
  private catchingUp = true;
  private gapTimer: TimerHandle | null = null;
  private heartbeat: TimerHandle | null = null;
  private closed = false;

  constructor(
    private readonly out: Writable,
    private readonly feed: TransitionFeed,
    private readonly commands: CommandLookup,
    private readonly clock: Clock,
    private readonly tuning: EventStreamTuning,
    lastEventId: number | null,
    private readonly logger?: Logger,
  ) {
    this.lastSent = lastEventId;
  }

  /**
   * Subscribes and reads the first page of history, so that a storage outage still fails the
   * request (503) before any byte is sent; returns that page for {@link run}.
   */
  async open(): Promise<readonly HistoryEntry[]> {
    this.unsubscribe = this.feed.subscribe((event) => this.onLive(event));
    try {
      if (this.lastSent === null) return [];
      const page = await this.feed.historyAfter(this.lastSent, this.tuning.replayPageSize);
      if (page.length === 0 && this.lastSent > 0 && !(await this.isKnown(this.lastSent))) {
        // The client's id is from a history this server never had (a fresh database): waiting
        // for that id would swallow every live event until it, so follow from the next one.
        this.lastSent = null;
      }
      return page;
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Whether the history holds an entry with this id (nothing after it is known to exist). */
  private async isKnown(eventId: number): Promise<boolean> {
    const [entry] = await this.feed.historyAfter(eventId - 1, 1);
    return entry?.eventId === eventId;
  }

  /** Streams the replay from `firstPage` on, then live events, until {@link close}. */
  async run(firstPage: readonly HistoryEntry[]): Promise<void> {
    this.out.write(`retry: 1000\n: connected\n\n`);
    this.beat();
    try {
      let page = firstPage;
      while (!this.closed && page.length > 0) {
        for (const event of await this.withCommands(page)) this.send(event);
        const last = (page[page.length - 1] as HistoryEntry).eventId;
        this.lastSent = Math.max(this.lastSent ?? 0, last);
        await this.drained();
        if (page.length < this.tuning.replayPageSize) break;
        page = await this.feed.historyAfter(last, this.tuning.replayPageSize);
      }
      this.catchingUp = false;
      this.flush();
    } catch (error) {
      this.logger?.warn({ err: error }, "event stream replay failed; the client will resume");
      this.close();
    }
  }

  /** Stops the stream: unsubscribes, cancels timers, ends the response. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    if (this.gapTimer !== null) this.clock.cancel(this.gapTimer);
    if (this.heartbeat !== null) this.clock.cancel(this.heartbeat);
    this.held.clear();
    this.out.end();
  }

  private onLive(event: TransitionEvent): void {
    const id = event.entry.eventId;
    if (this.closed || (this.lastSent !== null && id <= this.lastSent)) return;
    this.held.set(id, event);
    if (!this.catchingUp) this.flush();
  }

  /** Sends held events while they follow on from the last one sent; waits on a gap. */
  private flush(): void {
    this.dropSent();
    if (this.lastSent === null && this.held.size > 0) this.lastSent = extreme(this.held.keys(), Math.min) - 1;
    for (;;) {
      const next = (this.lastSent ?? 0) + 1;
      const event = this.held.get(next);
      if (!event) break;
      this.held.delete(next);
      this.send(event);
    }
    if (this.held.size > 0 && this.gapTimer === null && !this.closed) {
      this.gapTimer = this.clock.schedule(this.tuning.gapWaitMs, () => void this.fillGap());
    }
  }

  /** Reads the history across a gap that outlived `gapWaitMs`, sends what it holds, skips the rest. */
  private async fillGap(): Promise<void> {
    this.catchingUp = true;
    this.dropSent();
    try {
      const until = extreme(this.held.keys(), Math.max);
      let after = this.lastSent ?? 0;
      while (after < until) {
        const entries = await this.feed.historyAfter(after, this.tuning.replayPageSize);
        const missing = entries.filter((e) => e.eventId < until && !this.held.has(e.eventId));
        for (const event of await this.withCommands(missing)) this.held.set(event.entry.eventId, event);
        if (entries.length < this.tuning.replayPageSize) break;
        after = (entries[entries.length - 1] as HistoryEntry).eventId;
      }
      for (const id of [...this.held.keys()].filter((k) => k <= until).sort((a, b) => a - b)) {
        this.send(this.held.get(id) as TransitionEvent);
        this.held.delete(id);
      }
    } catch (error) {
      this.logger?.warn({ err: error }, "event stream could not read the history across a gap");
      this.close();
      return;
    } finally {
      this.gapTimer = null;
      this.catchingUp = false;
    }
    this.flush();
  }

  /** Forgets held events that the replay has already sent. */
  private dropSent(): void {
    if (this.lastSent === null) return;
    for (const id of this.held.keys()) if (id <= this.lastSent) this.held.delete(id);
  }

  private send(event: TransitionEvent): void {
    if (this.closed) return;
    const id = event.entry.eventId;
    this.out.write(`id: ${id}\nevent: telecommand\ndata: ${JSON.stringify(toWireEvent(event))}\n\n`);
    this.lastSent = id;
    if (this.out.writableLength > this.tuning.maxBacklogBytes) {
      // A client this far behind reconnects with Last-Event-ID and replays from the history.
      this.logger?.warn({ lastEventId: id }, "event stream client too slow; closing its stream");
      this.close();
    }
  }

  private beat(): void {
    this.heartbeat = this.clock.schedule(this.tuning.heartbeatMs, () => {
      if (this.closed) return;
      this.out.write(": heartbeat\n\n");
      this.beat();
    });
  }

  private async drained(): Promise<void> {
    if (this.closed || !this.out.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.out.off("drain", done);
        this.out.off("close", done);
        resolve();
      };
      this.out.on("drain", done);
      this.out.on("close", done);
    });
  }

  private async withCommands(entries: readonly HistoryEntry[]): Promise<TransitionEvent[]> {
    const ids = [...new Set(entries.map((e) => e.commandId))];
    const found = new Map<string, Telecommand>();
    for (let i = 0; i < ids.length; i += 16) {
      const chunk = ids.slice(i, i + 16);
      const commands = await Promise.all(chunk.map((id) => this.commands(id)));
      commands.forEach((command, j) => {
        if (command) found.set(chunk[j] as string, command);
      });
    }
    const events: TransitionEvent[] = [];
    for (const entry of entries) {
      const command = found.get(entry.commandId);
      if (command) events.push({ command, entry });
    }
    return events;
  }
}

/** The least or greatest of many ids, without spreading them into arguments (no stack limit). */
function extreme(ids: Iterable<number>, pick: (a: number, b: number) => number): number {
  let found: number | null = null;
  for (const id of ids) found = found === null ? id : pick(found, id);
  return found ?? 0;
}
