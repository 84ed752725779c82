import { fileURLToPath } from "node:url";
import type {
  AuditLog,
  Awaitable,
  Clock,
  ContactPlan,
  Counters,
  DeliveryStats,
  DictionaryCatalog,
  DownlinkFrame,
  DownlinkGaps,
  DownlinkStats,
  FleetService,
  HistoryEntry,
  InhibitCatalog,
  QueueCatalog,
  ReceiveReport,
  Spacecraft,
  TelecommandService,
  TelemetryArchive,
  TransitionEvent,
} from "@uplink/core";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { UserAccounts } from "../auth/user-accounts.js";
import type { FleetFeed } from "./events/fleet-feed.js";
import type { SpacecraftLive } from "./wire/spacecraft-wire.js";

/**
 * Live transitions plus the history they are appended to: what `GET /api/events` streams.
 * In a multi-process deployment `subscribe` is fed by the change feed (LISTEN/NOTIFY), so every
 * API process sees every transition, whichever process made it. Event ids are handed out
 * without gaps in commit order: every id up to {@link lastEventId} is committed, and a later
 * commit takes a higher one.
 */
export interface TransitionFeed {
  /**
   * Calls `listener` for each transition stored from now on (in any order: another process's
   * arrive later than this one's), and `onMissed` when some may never reach it (the change
   * feed's connection came back, a notified transition could not be read): the subscriber then
   * catches up from the history. Returns the unsubscribe function.
   */
  subscribe(listener: (event: TransitionEvent) => void, onMissed?: () => void): () => void;
  /**
   * The highest event id committed, read once the feed hears of every later commit, so that a
   * subscriber that anchors on it receives every transition after it.
   */
  lastEventId(): Promise<number>;
  /** History entries of every command with `eventId > after`, in `eventId` order (the repository's). */
  historyAfter(after: number, limit: number): Promise<readonly HistoryEntry[]>;
}

/** Counters of the downlink processor that the API reports (a subset of core's `DownlinkStats`). */
export type DownlinkCounters = Pick<
  DownlinkStats,
  | "received"
  | "accepted"
  | "duplicates"
  | "conflicts"
  | "gaps"
  | "late"
  | "unknownCommand"
  | "unknownType"
  | "telemetry"
>;

/** What one batch of frames did (a subset of core's `ReceiveReport`). */
export type DownlinkReceipt = Pick<ReceiveReport, "received" | "accepted" | "duplicates" | "conflicts">;

/** Where the downlink endpoint hands its frames: core's `DownlinkProcessor`. */
export interface DownlinkReceiver {
  /** Takes one batch of parsed frames (any order, duplicates allowed); answers once they are stored. */
  receive(frames: readonly DownlinkFrame[]): Awaitable<DownlinkReceipt>;
}

/** Counters gathered by the composition root for `/api/stats` and `/metrics`. */
export interface StatsSnapshot {
  /** Commands per status (statuses with none may be absent). */
  readonly byStatus: Readonly<Record<string, number>>;
  /** Submissions refused, by the service or the HTTP layer, by every process (stored). */
  readonly rejectedSubmissions: number;
  /** Idempotent retries answered with the command stored earlier, by every process (stored). */
  readonly duplicateSubmissions: number;
  readonly downlink: DownlinkCounters;
  /** Downlink frames dropped because their spacecraft is not registered (stored). */
  readonly unknownSpacecraft: number;
  /** Transitions this process has stored or observed. */
  readonly transitions: number;
  /** Commands claimed by this process's sender (0 when it runs no sender). */
  readonly senderClaims: number;
  /** Delivered and dropped commands (SPEC §9), by every process (stored). */
  readonly delivery: DeliveryStats;
}

/** What `/readyz` reports. */
export interface Readiness {
  readonly ok: boolean;
  /** One flag per check, e.g. `{ database: true, migrations: true }`. */
  readonly checks: Readonly<Record<string, boolean>>;
}

/**
 * Everything the HTTP layer needs, filled in by the composition root. Nothing here is an HTTP
 * type: the routes translate between the wire and these services.
 */
export interface HttpDeps {
  readonly telecommands: TelecommandService;
  /** Users, tokens and sessions: who a request comes from (SPEC §10). */
  readonly accounts: UserAccounts;
  /** Where changes to users, spacecraft, dictionaries, inhibits and queue states are recorded. */
  readonly audit: AuditLog;
  /** The missions' dictionaries: `PUT`/`GET /api/missions/:mission/dictionary` (SPEC §9). */
  readonly dictionaries: DictionaryCatalog;
  /** The spacecraft's inhibits: `PUT`/`GET /api/spacecraft/:id/inhibits` (SPEC §9). */
  readonly inhibits: InhibitCatalog;
  /** The spacecraft's queue states: `POST /api/spacecraft/:id/queue` (SPEC §10). */
  readonly queues: QueueCatalog;
  readonly downlink: DownlinkReceiver;
  /** The gaps every process recorded: `GET /api/downlink/gaps`. */
  readonly gaps: DownlinkGaps;
  readonly contactPlan: ContactPlan;
  /** The registered spacecraft (SPEC §8). */
  readonly fleet: FleetService;
  /** Telemetry values, latest and history (SPEC §8). */
  readonly telemetry: TelemetryArchive;
  /** What the wire adds to each spacecraft (queue state, health, latest telemetry). */
  live(fleet: readonly Spacecraft[]): Promise<ReadonlyMap<string, SpacecraftLive>>;
  /** Spacecraft to list in `/api/contacts` (configured ones and those with commands). */
  knownSpacecraft(): Promise<readonly string[]>;
  readonly events: TransitionFeed;
  /**
   * The fleet's live events on `GET /api/events` (default: a feed reading `fleet` and `live`);
   * the composition root gives its own, to {@link FleetFeed.poke} it when this process changes the fleet.
   */
  readonly fleetEvents?: FleetFeed;
  readiness(): Promise<Readiness>;
  stats(): Promise<StatsSnapshot>;
  /** Where the HTTP layer counts the submissions it refuses (the service's counters). */
  readonly counters: Counters;
  /** `/metrics` renders this registry; the HTTP layer registers its own metrics in it. */
  readonly metrics: Registry;
  readonly clock: Clock;
  readonly logger?: Logger;
}

/** Tunables of the HTTP layer; every default lives in {@link DEFAULT_HTTP_OPTIONS}. */
export interface HttpOptions {
  /** Largest request body accepted, in bytes (SPEC §5: 64 KiB). */
  readonly maxBodyBytes: number;
  /** Largest dictionary a `PUT` may send, in bytes (SPEC §9: 1 MiB). */
  readonly maxDictionaryBytes: number;
  /** Interval of the SSE heartbeat comment. */
  readonly heartbeatMs: number;
  /** How long a stream holds events behind a missing event id before it reads the history and moves on. */
  readonly eventGapWaitMs: number;
  /** Bytes an SSE client may fall behind before its stream is closed (it resumes with Last-Event-ID). */
  readonly maxStreamBacklogBytes: number;
  /** Where the operator console's static files live. */
  readonly publicDir: string;
  /** Seconds suggested in `Retry-After` when storage is unavailable. */
  readonly retryAfterSeconds: number;
}

/** Every default of the HTTP layer, in one place. */
export const DEFAULT_HTTP_OPTIONS: HttpOptions = Object.freeze({
  maxBodyBytes: 64 * 1024,
  maxDictionaryBytes: 1024 * 1024,
  heartbeatMs: 15_000,
  eventGapWaitMs: 500,
  maxStreamBacklogBytes: 1024 * 1024,
  publicDir: fileURLToPath(new URL("../../public/", import.meta.url)),
  retryAfterSeconds: 1,
});
