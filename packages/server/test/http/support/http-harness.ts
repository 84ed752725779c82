import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AlwaysContactPlan,
  type AuditLog,
  type ContactPlan,
  type Counters,
  DeliveryCounter,
  DictionaryCatalog,
  type DictionaryStore,
  type DownlinkGaps,
  type DownlinkLog,
  DownlinkProcessor,
  deliveryStatsOf,
  FleetService,
  InhibitCatalog,
  InMemoryAuditLog,
  InMemoryCounters,
  InMemoryDictionaryStore,
  InMemoryDownlinkLog,
  InMemoryInhibitStore,
  InMemoryQueueStateStore,
  InMemorySpacecraftRegistry,
  InMemoryTelecommandRepository,
  InMemoryTelemetryArchive,
  InMemoryUserStore,
  InProcessEventPublisher,
  newSpacecraft,
  QueueCatalog,
  SeededRandom,
  SubmissionChecks,
  type TelecommandRepository,
  TelecommandService,
  USER_ROLES,
  type UserRole,
  type UserStore,
} from "@uplink/core";
import type { Logger } from "pino";
import { Registry } from "prom-client";
import { SystemClock } from "../../../src/adapters/node/system-clock.js";
import { UserAccounts } from "../../../src/auth/user-accounts.js";
import { createTransitionFeed } from "../../../src/composition/transition-feed.js";
import { answerClientErrors } from "../../../src/http/client-errors.js";
import { createApp } from "../../../src/http/create-app.js";
import type { HttpDeps, HttpOptions, Readiness } from "../../../src/http/http-deps.js";
import { TEST_TOKENS } from "../../support/tokens.js";

export interface HttpHarnessOptions {
  /** Defaults to core's in-memory repository. */
  readonly repository?: TelecommandRepository;
  readonly downlinkLog?: DownlinkLog & DownlinkGaps;
  /** Defaults to core's in-memory counters. */
  readonly counters?: Counters;
  readonly contactPlan?: ContactPlan;
  /** Defaults to core's in-memory store. */
  readonly dictionaryStore?: DictionaryStore;
  /** The registered spacecraft, whose missions pick the dictionaries (default: none, nothing checked). */
  readonly registry?: InMemorySpacecraftRegistry;
  readonly readiness?: () => Promise<Readiness>;
  readonly http?: Partial<HttpOptions>;
  /** The registered spacecraft, which `/api/contacts` also lists (default `sc-1` and `sc-2`). */
  readonly spacecraft?: readonly string[];
  readonly logger?: Logger;
  /** The repository's highest committed event id (default: searched for in its history). */
  readonly lastEventId?: () => Promise<number>;
  /** Defaults to core's in-memory store; the harness adds one user per role (`TEST_TOKENS`). */
  readonly users?: UserStore;
  /** Defaults to core's in-memory audit log. */
  readonly audit?: AuditLog;
}

/** Who a request is sent as: a user of that role (`TEST_TOKENS`), or nobody (no credentials). */
export type Caller = UserRole | null;

/** Requests sent as one caller. */
export interface CallerRequests {
  request(path: string, init?: RequestInit): Promise<JsonAnswer>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<JsonAnswer>;
}

/** A JSON answer: status, headers, parsed body (null when empty). */
export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary wire shapes
  readonly body: any;
}

/** A real listening server on 127.0.0.1 around createApp, with the services behind it. */
export interface HttpHarness {
  readonly baseUrl: string;
  readonly service: TelecommandService;
  readonly repository: TelecommandRepository;
  readonly registry: InMemorySpacecraftRegistry;
  readonly publisher: InProcessEventPublisher;
  readonly downlink: DownlinkProcessor;
  readonly deps: HttpDeps;
  readonly dictionaries: DictionaryCatalog;
  readonly inhibits: InhibitCatalog;
  readonly queues: QueueCatalog;
  readonly accounts: UserAccounts;
  readonly audit: AuditLog;
  /**
   * Sends as the admin (`Authorization: Bearer` of `TEST_TOKENS.admin`) unless `init` sets its
   * own `authorization` header.
   */
  request(path: string, init?: RequestInit): Promise<JsonAnswer>;
  /** POSTs JSON as the admin (or with the `authorization` header given). */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<JsonAnswer>;
  /** Requests sent as a user of `role`, or with no credentials at all (`null`). */
  as(caller: Caller): CallerRequests;
  /** Commands stored, all statuses. */
  count(): Promise<number>;
  close(): Promise<void>;
}

/** Starts the HTTP layer on an ephemeral port with real timers. */
export async function startHttp(options: HttpHarnessOptions = {}): Promise<HttpHarness> {
  const clock = new SystemClock();
  const repository = options.repository ?? new InMemoryTelecommandRepository();
  const publisher = new InProcessEventPublisher();
  const counters = options.counters ?? new InMemoryCounters();
  const registry = options.registry ?? new InMemorySpacecraftRegistry();
  const spacecraft = options.spacecraft ?? ["sc-1", "sc-2"];
  if (options.registry === undefined) {
    for (const id of spacecraft) registry.add(newSpacecraft(id, clock.now()));
  }
  const dictionaries = new DictionaryCatalog(options.dictionaryStore ?? new InMemoryDictionaryStore(), clock);
  const inhibits = new InhibitCatalog(new InMemoryInhibitStore(), clock);
  const queues = new QueueCatalog(new InMemoryQueueStateStore(), clock);
  const service = new TelecommandService(repository, clock, new SeededRandom(Date.now() >>> 0), publisher, {
    counters,
    registry,
    checks: new SubmissionChecks(dictionaries, inhibits),
    queues,
  });
  const downlinkLog: DownlinkLog & DownlinkGaps & { close?(): Promise<void> } =
    options.downlinkLog ?? new InMemoryDownlinkLog();
  const downlink = new DownlinkProcessor(service, downlinkLog, clock, {
    gapTimeoutMs: 50,
  });
  const audit = options.audit ?? new InMemoryAuditLog();
  const accounts = new UserAccounts(options.users ?? new InMemoryUserStore(), clock);
  for (const role of USER_ROLES) await accounts.ensure(role, role, TEST_TOKENS[role]);
  let transitions = 0;
  publisher.subscribe(() => transitions++);
  publisher.subscribe(new DeliveryCounter(counters, service.lifecycle).observe);
  const deps: HttpDeps = {
    telecommands: service,
    accounts,
    audit,
    dictionaries,
    inhibits,
    queues,
    downlink,
    gaps: downlinkLog,
    contactPlan: options.contactPlan ?? new AlwaysContactPlan(),
    knownSpacecraft: async () => registry.list().map((s) => s.id),
    fleet: new FleetService(registry, repository, clock),
    telemetry: new InMemoryTelemetryArchive(),
    live: async (fleet) =>
      new Map(
        await Promise.all(
          fleet.map(
            async (s) =>
              [s.id, { queue: await queues.current(s.id), health: "unknown", telemetry: {} }] as const,
          ),
        ),
      ),
    events: createTransitionFeed({
      publisher,
      repository,
      changes: null,
      ...(options.lastEventId && { lastEventId: options.lastEventId }),
    }),
    readiness:
      options.readiness ?? (async () => ({ ok: true, checks: { database: true, migrations: true } })),
    stats: async () => ({
      byStatus: await repository.countByStatus(),
      ...(await service.stats()),
      downlink: downlink.stats(),
      unknownSpacecraft: 0,
      transitions,
      senderClaims: 0,
      delivery: deliveryStatsOf(await counters.read()),
    }),
    counters,
    metrics: new Registry(),
    clock,
    ...(options.logger && { logger: options.logger }),
  };
  const server: Server = createServer(createApp(deps, options.http).callback());
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const send = async (caller: Caller, path: string, init: RequestInit = {}): Promise<JsonAnswer> => {
    const headers = new Headers(init.headers);
    if (caller !== null && !headers.has("authorization"))
      headers.set("authorization", `Bearer ${TEST_TOKENS[caller]}`);
    const response = await fetch(baseUrl + path, { ...init, headers });
    const text = await response.text();
    let body: unknown = null;
    if (text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, headers: response.headers, body };
  };

  const as = (caller: Caller): CallerRequests => ({
    request: (path, init) => send(caller, path, init),
    post: (path, body, headers = {}) =>
      send(caller, path, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
  });
  const admin = as("admin");

  return {
    baseUrl,
    service,
    accounts,
    audit,
    as,
    repository,
    registry,
    publisher,
    downlink,
    deps,
    dictionaries,
    inhibits,
    queues,
    request: admin.request,
    post: admin.post,
    count: async () => Object.values(await repository.countByStatus()).reduce((a, b) => a + b, 0),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await downlink.stop();
      await downlinkLog.close?.();
    },
  };
}
