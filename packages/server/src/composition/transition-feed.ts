import {
  type HistoryEntry,
  type InProcessEventPublisher,
  StorageUnavailableError,
  type Telecommand,
  type TelecommandRepository,
  type TransitionEvent,
} from "@uplink/core";
import type { ChangeFeed } from "../adapters/postgres/change-feed.js";
import type { ChangeNotice } from "../database/change-bus.js";
import type { TransitionFeed } from "../http/http-deps.js";
import { searchLastEventId } from "./last-event-id.js";

export interface TransitionFeedDeps {
  /** Transitions made in this process, with their commands. */
  readonly publisher: InProcessEventPublisher;
  readonly repository: TelecommandRepository;
  /** Transitions made by other processes (LISTEN/NOTIFY); null when this process is the only writer. */
  readonly changes: ChangeFeed | null;
  /**
   * The highest event id committed (the repository's counter); without it, it is searched for
   * in the history, which works for any repository whose event ids have no gaps.
   */
  readonly lastEventId?: () => Promise<number>;
  /** How long a reader of the last event id waits for the change feed to listen (default 5 s). */
  readonly readyTimeoutMs?: number;
  /** Told about failures to read a remote transition (the stream then fills the gap from history). */
  readonly onError?: (error: unknown) => void;
}

// Local event ids remembered to recognise their own NOTIFY echoes; far more than arrive in the
// time a notification takes to come back.
const REMEMBERED = 65_536;
const READ_BATCH = 500;

/**
 * What `GET /api/events` streams: this process's transitions as they are published, and those
 * of other processes as their notices arrive (read back from the history, in batches, only
 * while someone listens). When notices may have been lost (the LISTEN connection came back, a
 * notified entry could not be read), subscribers are told to catch up from the history.
 *
 * @example
 * const feed = createTransitionFeed({ publisher, repository, changes: changeFeed });
 * const off = feed.subscribe((event) => console.log(event.entry.eventId));
 */
export function createTransitionFeed(deps: TransitionFeedDeps): TransitionFeed & { close(): void } {
  const { publisher, repository, changes } = deps;
  const listeners = new Set<(event: TransitionEvent) => void>();
  const missedListeners = new Set<() => void>();
  const local = new Set<number>();
  const localOrder: number[] = [];
  let remote: ChangeNotice[] = [];
  let reading = false;

  const deliver = (event: TransitionEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // One stream's failure is its own.
      }
    }
  };
  const missed = () => {
    for (const listener of missedListeners) {
      try {
        listener();
      } catch {
        // As above.
      }
    }
  };

  const offLocal = publisher.subscribe((event) => {
    if (changes) {
      local.add(event.entry.eventId);
      localOrder.push(event.entry.eventId);
      if (localOrder.length > REMEMBERED) local.delete(localOrder.shift() as number);
    }
    if (listeners.size > 0) deliver(event);
  });

  const offRemote =
    changes?.onTransition((notice) => {
      if (local.delete(notice.eventId) || listeners.size === 0) return;
      remote.push(notice);
      if (!reading) void readRemote();
    }) ?? (() => undefined);
  const offReconnected = changes?.onReconnected(missed) ?? (() => undefined);

  async function readRemote(): Promise<void> {
    reading = true;
    try {
      while (remote.length > 0) {
        const batch = remote.slice(0, READ_BATCH);
        remote = remote.slice(batch.length);
        try {
          for (const event of await load(batch)) deliver(event);
        } catch (error) {
          deps.onError?.(error);
          missed();
        }
      }
    } finally {
      reading = false;
    }
  }

  async function load(notices: readonly ChangeNotice[]): Promise<TransitionEvent[]> {
    const ids = notices.map((n) => n.eventId).sort((a, b) => a - b);
    const first = ids[0] as number;
    const last = ids[ids.length - 1] as number;
    const wanted = new Set(ids);
    const entries: HistoryEntry[] = (await repository.historyAfter(first - 1, last - first + 1)).filter((e) =>
      wanted.has(e.eventId),
    );
    const commandIds = [...new Set(entries.map((e) => e.commandId))];
    const commands = new Map<string, Telecommand>();
    const found = await Promise.all(commandIds.map((id) => repository.get(id)));
    found.forEach((command) => {
      if (command) commands.set(command.id, command);
    });
    return entries.flatMap((entry) => {
      const command = commands.get(entry.commandId);
      return command ? [{ command, entry }] : [];
    });
  }

  const readLastEventId =
    deps.lastEventId ?? (() => searchLastEventId((after, limit) => repository.historyAfter(after, limit)));

  return {
    subscribe(listener, onMissed) {
      listeners.add(listener);
      if (onMissed) missedListeners.add(onMissed);
      return () => {
        listeners.delete(listener);
        if (onMissed) missedListeners.delete(onMissed);
      };
    },
    async lastEventId() {
      // A commit after the read must be heard of: the LISTEN connection has to be up first.
      if (changes) await listening(changes, deps.readyTimeoutMs ?? 5_000);
      return readLastEventId();
    },
    historyAfter: (after, limit) => repository.historyAfter(after, limit),
    close() {
      offLocal();
      offRemote();
      offReconnected();
      listeners.clear();
      missedListeners.clear();
    },
  };
}

/** Waits for the change feed to listen; a storage outage (503) if it does not in time. */
async function listening(changes: ChangeFeed, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StorageUnavailableError("the change feed is not listening")),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    await Promise.race([changes.ready(), late]);
  } finally {
    clearTimeout(timer);
  }
}
