import { fileURLToPath } from "node:url";
import type {
  Awaitable,
  Clock,
  ContactPlan,
  DownlinkFrame,
  DownlinkStats,
  HistoryEntry,
  ReceiveReport,
  TelecommandService,
  TransitionEvent,
} from "@uplink/core";
import type { Logger } from "pino";
import type { Registry } from "prom-client";

/**
 * Live transitions plus the history they are appended to: what `GET /api/events` streams.
 * In a multi-process deployment `subscribe` is fed by the change feed (LISTEN/NOTIFY), so every
 * API process sees every transition, whichever process made it.
 */
export interface TransitionFeed {
  /** Calls `listener` for each transition stored from now on; returns the unsubscribe function. */
  subscribe(listener: (event: TransitionEvent) => void): () => void;
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
  /** Submissions the services refused (the HTTP layer adds the ones its schema refused). */
  readonly rejectedSubmissions: number;
  /** Idempotent retries answered with the command stored earlier. */
  readonly duplicateSubmissions: number;
  readonly downlink: DownlinkCounters;
  /** Transitions this process has stored or observed. */
  readonly transitions: number;
  /** Commands claimed by this process's sender (0 when it runs no sender). */
  readonly senderClaims: number;
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
  readonly downlink: DownlinkReceiver;
  readonly contactPlan: ContactPlan;
  /** Spacecraft to list in `/api/contacts` (configured ones and those with commands). */
  knownSpacecraft(): Promise<readonly string[]>;
  readonly events: TransitionFeed;
  readiness(): Promise<Readiness>;
  stats(): Promise<StatsSnapshot>;
  /** `/metrics` renders this registry; the HTTP layer registers its own metrics in it. */
  readonly metrics: Registry;
  readonly clock: Clock;
  readonly logger?: Logger;
}

/** Tunables of the HTTP layer; every default lives in {@link DEFAULT_HTTP_OPTIONS}. */
export interface HttpOptions {
  /** Largest request body accepted, in bytes (SPEC §5: 64 KiB). */
  readonly maxBodyBytes: number;
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
  heartbeatMs: 15_000,
  eventGapWaitMs: 500,
  maxStreamBacklogBytes: 1024 * 1024,
  publicDir: fileURLToPath(new URL("../../public/", import.meta.url)),
  retryAfterSeconds: 1,
});
