import pg from "pg";
import type { ChangeNotice } from "../../database/change-bus.js";
import type { Database } from "../../database/database.js";

/**
 * Committed history entries as they happen, from every process on the database: PostgreSQL
 * LISTEN/NOTIFY on a dedicated connection, or the in-process bus on PGlite. A notice names an
 * entry; read the entry itself (and anything missed) with `historyAfter`.
 */
export interface ChangeFeed {
  /** Every committed history entry (transitions, submissions, ignored events). */
  onTransition(listener: (notice: ChangeNotice) => void): () => void;
  /** A new command was stored for this spacecraft (the sender wakes up). */
  onSubmitted(listener: (spacecraftId: string) => void): () => void;
  /**
   * The LISTEN connection came back after an outage: notices may have been missed, so
   * listeners should catch up (`historyAfter` from the last event id seen, a fresh claim).
   */
  onReconnected(listener: () => void): () => void;
  /** Resolves once notifications flow (at once on PGlite); it waits through an outage. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link createChangeFeed}. */
export interface ChangeFeedOptions {
  /** Told about LISTEN connection failures (they are retried); default: ignored. */
  readonly onError?: (error: unknown) => void;
  /** How often the LISTEN connection is checked with a query (default 10 s). */
  readonly healthCheckMs?: number;
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * Opens the change feed of a database.
 *
 * @example
 * const feed = createChangeFeed(db);
 * feed.onSubmitted(() => sender.nudge());
 * feed.onTransition((notice) => sse.wake(notice.eventId));
 * await feed.ready();
 */
export function createChangeFeed(db: Database, options: ChangeFeedOptions = {}): ChangeFeed {
  const transitions = new Set<(notice: ChangeNotice) => void>();
  const submissions = new Set<(spacecraftId: string) => void>();
  const reconnections = new Set<() => void>();
  const dispatch = (notices: readonly ChangeNotice[]) => {
    for (const notice of notices) {
      for (const listener of transitions) guard(() => listener(notice));
      if (notice.submitted) for (const listener of submissions) guard(() => listener(notice.spacecraftId));
    }
  };
  const register =
    <L>(set: Set<L>) =>
    (listener: L) => {
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    };
  const source =
    db.connectionConfig === null
      ? localSource(db, dispatch)
      : listenSource(
          db.connectionConfig,
          db.channel,
          dispatch,
          () => {
            for (const listener of reconnections) guard(listener);
          },
          options,
        );
  return {
    onTransition: register(transitions),
    onSubmitted: register(submissions),
    onReconnected: register(reconnections),
    ready: source.ready,
    close: source.close,
  };
}

interface Source {
  ready(): Promise<void>;
  close(): Promise<void>;
}

function localSource(db: Database, dispatch: (notices: readonly ChangeNotice[]) => void): Source {
  const off = db.localBus.subscribe(dispatch);
  return { ready: async () => undefined, close: async () => off() };
}

function listenSource(
  config: pg.ClientConfig,
  channel: string,
  dispatch: (notices: readonly ChangeNotice[]) => void,
  reconnected: () => void,
  options: ChangeFeedOptions,
): Source {
  let client: pg.Client | null = null;
  let closed = false;
  let connectedOnce = false;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: NodeJS.Timeout | null = null;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((done) => {
    markReady = done;
  });

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== channel || !message.payload) return;
    const notices = parseNotices(message.payload);
    if (notices.length > 0) dispatch(notices);
  };

  const drop = (failed: pg.Client, error: unknown) => {
    if (client !== failed) return;
    client = null;
    failed.removeAllListeners("notification");
    failed.end().catch(() => undefined);
    if (closed) return;
    options.onError?.(error);
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  const connect = async () => {
    retryTimer = null;
    if (closed) return;
    // Named apart from the pool, so that operators can tell the LISTEN connection in pg_stat_activity.
    const next = new pg.Client({
      ...config,
      application_name: `${config.application_name ?? "uplink"}:listen`,
    });
    client = next;
    next.on("error", (error) => drop(next, error));
    next.on("end", () => drop(next, new Error("LISTEN connection ended")));
    next.on("notification", onNotification);
    try {
      await next.connect();
      await next.query(`LISTEN ${next.escapeIdentifier(channel)}`);
    } catch (error) {
      drop(next, error);
      return;
    }
    if (closed || client !== next) return;
    retryMs = RETRY_MIN_MS;
    if (connectedOnce) reconnected();
    connectedOnce = true;
    markReady();
  };

  // A dead peer can leave a socket open but silent: a periodic query finds out.
  const health = setInterval(() => {
    const current = client;
    if (current && connectedOnce) current.query("SELECT 1").catch((error: unknown) => drop(current, error));
  }, options.healthCheckMs ?? 10_000);
  health.unref();

  void connect();
  return {
    ready: () => readyPromise,
    async close() {
      closed = true;
      clearInterval(health);
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

/**
 * Parses a NOTIFY payload: a JSON array of notices `[eventId, commandId, status, spacecraftId,
 * submitted]`, or one such notice alone (as processes before batched notices sent them).
 * Malformed notices are left out.
 */
export function parseNotices(payload: string): ChangeNotice[] {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  if (!Array.isArray(value[0])) {
    const single = toNotice(value);
    return single ? [single] : [];
  }
  const notices: ChangeNotice[] = [];
  for (const item of value) {
    const notice = Array.isArray(item) ? toNotice(item) : null;
    if (notice) notices.push(notice);
  }
  return notices;
}

function toNotice(value: readonly unknown[]): ChangeNotice | null {
  if (value.length !== 5) return null;
  const [eventId, commandId, status, spacecraftId, submitted] = value;
  if (typeof eventId !== "number" || typeof commandId !== "string" || typeof status !== "string") return null;
  if (typeof spacecraftId !== "string" || typeof submitted !== "boolean") return null;
  return { eventId, commandId, status, spacecraftId, submitted };
}

function guard(run: () => void): void {
  try {
    run();
  } catch {
    // A listener's failure is its own.
  }
}
