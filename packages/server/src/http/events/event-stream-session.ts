import type { Writable } from "node:stream";
import type { Clock, HistoryEntry, Telecommand, TimerHandle, TransitionEvent } from "@uplink/core";
import type { Logger } from "pino";
import type { TransitionFeed } from "../http-deps.js";
import { toWireEvent } from "../wire/telecommand-wire.js";
import type { FleetEvent } from "./fleet-changes.js";
import type { FleetFeed } from "./fleet-feed.js";

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
 * One client's `GET /api/events` stream: every transition committed after it opened (or after
 * the client's `Last-Event-ID`), each once, in event-id order, whichever process made it.
 *
 * It subscribes to live transitions first, then anchors: on the highest event id committed
 * (a fresh stream, or a client id this history never had) or on the client's id, whose later
 * history it replays. Event ids are handed out without gaps in commit order (the history
 * migration's event counter), so everything committed after the anchor has a higher id and
 * reaches the subscription, and a live event with id `n` proves every id below `n` committed.
 * Live events arrive in any order (this process's at once, another's after its notification):
 * one ahead of a missing id is held up to `gapWaitMs`, for the notification to come; then the
 * history, which holds every id below it, fills the hole. When the feed says events may have
 * been missed (its connection came back), the stream reads the history up to the highest
 * committed id.
 *
 * Replayed events carry the command as it is now; live ones carry it as of the transition.
 *
 * With a fleet feed, the stream also carries `event: spacecraft` and `event: telemetry`
 * (without `id:`, so that they leave the client's Last-Event-ID alone): first the current
 * state of every spacecraft (`change: "current"`), fresh or resumed alike, since state events
 * are not replayed; then every change the feed sees.
 */
export class EventStreamSession {
  /** The last event id sent, or the anchor before any is. */
  private lastSent = 0;
  private readonly held = new Map<number, TransitionEvent>();
  private unsubscribe: (() => void) | null = null;
  /** The replay or a fill runs: live events are held, not sent, until it is done. */
  private catchingUp = true;
  /** A catch-up was asked for while another read ran: it runs once that one is done. */
  private missedWhileBusy = false;
  private gapTimer: TimerHandle | null = null;
  private heartbeat: TimerHandle | null = null;
  private closed = false;
  private leaveFleet: (() => void) | null = null;
  /** Fleet events to send once {@link run} has written the stream's first lines. */
  private fleetBacklog: FleetEvent[] | null = [];

  constructor(
    private readonly out: Writable,
    private readonly feed: TransitionFeed,
    private readonly commands: CommandLookup,
    private readonly clock: Clock,
    private readonly tuning: EventStreamTuning,
    private readonly resumeAfter: number | null,
    private readonly logger?: Logger,
    private readonly fleet: FleetFeed | null = null,
  ) {}

  /**
   * Subscribes, anchors, and reads the first page of history, so that a storage outage still
   * fails the request (503) before any byte is sent; returns that page for {@link run}.
   */
  async open(): Promise<readonly HistoryEntry[]> {
    this.unsubscribe = this.feed.subscribe(
      (event) => this.onLive(event),
      () => this.catchUp(),
    );
    try {
      if (this.fleet) {
        const joined = await this.fleet.join((event) => this.onFleet(event));
        this.leaveFleet = joined.leave;
        this.fleetBacklog = [...joined.current, ...(this.fleetBacklog ?? [])];
      }
      const committed = await this.feed.lastEventId();
      if (this.resumeAfter === null || this.resumeAfter > committed) {
        // Fresh, or an id from a history this server never had (a new database): follow from now.
        this.lastSent = committed;
        return [];
      }
      this.lastSent = this.resumeAfter;
      return await this.feed.historyAfter(this.lastSent, this.tuning.replayPageSize);
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Streams the replay from `firstPage` on, then live events, until {@link close}. */
  async run(firstPage: readonly HistoryEntry[]): Promise<void> {
    this.out.write(`retry: 1000\n: connected\n\n`);
    this.beat();
    const opening = this.fleetBacklog ?? [];
    this.fleetBacklog = null;
    for (const event of opening) this.sendFleet(event);
    try {
      let page = firstPage;
      while (!this.closed && page.length > 0) {
        for (const event of await this.withCommands(page)) this.send(event);
        const last = (page[page.length - 1] as HistoryEntry).eventId;
        this.lastSent = Math.max(this.lastSent, last);
        await this.drained();
        if (page.length < this.tuning.replayPageSize) break;
        page = await this.feed.historyAfter(last, this.tuning.replayPageSize);
      }
    } catch (error) {
      this.logger?.warn({ err: error }, "event stream replay failed; the client will resume");
      this.close();
      return;
    }
    this.catchingUp = false;
    this.afterRead();
  }

  /** Stops the stream: unsubscribes, cancels timers, ends the response. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.leaveFleet?.();
    this.fleetBacklog = null;
    if (this.gapTimer !== null) this.clock.cancel(this.gapTimer);
    if (this.heartbeat !== null) this.clock.cancel(this.heartbeat);
    this.held.clear();
    this.out.end();
  }

  private onLive(event: TransitionEvent): void {
    const id = event.entry.eventId;
    if (this.closed || id <= this.lastSent) return;
    this.held.set(id, event);
    if (!this.catchingUp) this.flush();
  }

  /** Sends held events while they follow on from the last one sent; waits on a gap. */
  private flush(): void {
    this.dropSent();
    for (;;) {
      const next = this.lastSent + 1;
      const event = this.held.get(next);
      if (!event) break;
      this.held.delete(next);
      this.send(event);
    }
    if (this.held.size > 0 && this.gapTimer === null && !this.closed) {
      this.gapTimer = this.clock.schedule(this.tuning.gapWaitMs, () => {
        this.gapTimer = null;
        if (this.catchingUp) this.missedWhileBusy = true;
        else void this.fill(extreme(this.held.keys(), Math.max));
      });
    }
  }

  /** The feed may have lost events: read the history up to the highest committed id. */
  private catchUp(): void {
    if (this.closed) return;
    if (this.catchingUp) this.missedWhileBusy = true;
    else void this.fill(null);
  }

  /**
   * Reads the history from the last id sent up to `until` (null: the highest committed id),
   * merges it with the held events and sends them all in order.
   */
  private async fill(until: number | null): Promise<void> {
    this.catchingUp = true;
    this.dropSent();
    try {
      const target = until ?? (await this.feed.lastEventId());
      let after = this.lastSent;
      while (after < target) {
        const entries = await this.feed.historyAfter(after, this.tuning.replayPageSize);
        const missing = entries.filter((e) => e.eventId <= target && !this.held.has(e.eventId));
        for (const event of await this.withCommands(missing)) this.held.set(event.entry.eventId, event);
        if (entries.length < this.tuning.replayPageSize) break;
        after = (entries[entries.length - 1] as HistoryEntry).eventId;
      }
      const ready = [...this.held.keys()].filter((k) => k <= target).sort((a, b) => a - b);
      if (ready.length > 0 && (ready[ready.length - 1] as number) - this.lastSent !== ready.length) {
        // Cannot happen while event ids stay gap-free: the stream moves on rather than stall.
        this.logger?.warn(
          { after: this.lastSent, until: target },
          "event stream: the history lacks event ids below a committed one; skipping them",
        );
      }
      for (const id of ready) {
        this.send(this.held.get(id) as TransitionEvent);
        this.held.delete(id);
      }
    } catch (error) {
      this.logger?.warn({ err: error }, "event stream could not read the history; the client will resume");
      this.close();
      return;
    } finally {
      this.catchingUp = false;
    }
    this.afterRead();
  }

  /** After the replay or a fill: a catch-up asked for meanwhile, or the held events. */
  private afterRead(): void {
    if (this.closed) return;
    if (this.missedWhileBusy) {
      this.missedWhileBusy = false;
      void this.fill(null);
    } else {
      this.flush();
    }
  }

  /** Forgets held events that the replay has already sent. */
  private dropSent(): void {
    for (const id of this.held.keys()) if (id <= this.lastSent) this.held.delete(id);
  }

  private onFleet(event: FleetEvent): void {
    if (this.closed) return;
    if (this.fleetBacklog) this.fleetBacklog.push(event);
    else this.sendFleet(event);
  }

  private sendFleet(event: FleetEvent): void {
    if (this.closed) return;
    this.out.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    this.closeIfBehind();
  }

  private send(event: TransitionEvent): void {
    if (this.closed) return;
    const id = event.entry.eventId;
    this.out.write(`id: ${id}\nevent: telecommand\ndata: ${JSON.stringify(toWireEvent(event))}\n\n`);
    this.lastSent = id;
    this.closeIfBehind();
  }

  private closeIfBehind(): void {
    if (this.out.writableLength > this.tuning.maxBacklogBytes) {
      // A client this far behind reconnects with Last-Event-ID and replays from the history.
      this.logger?.warn({ lastEventId: this.lastSent }, "event stream client too slow; closing its stream");
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
