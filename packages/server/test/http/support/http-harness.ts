import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AlwaysContactPlan,
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
  InMemoryCounters,
  InMemoryDictionaryStore,
  InMemoryDownlinkLog,
  InMemoryInhibitStore,
  InMemoryQueueStateStore,
  InMemorySpacecraftRegistry,
  InMemoryTelecommandRepository,
  InMemoryTelemetryArchive,
  InProcessEventPublisher,
  newSpacecraft,
  QueueCatalog,
  SeededRandom,
  SubmissionChecks,
  type TelecommandRepository,
  TelecommandService,
} from "@uplink/core";
import type { Logger } from "pino";
import { Registry } from "prom-client";
import { SystemClock } from "../../../src/adapters/node/system-clock.js";
import { createTransitionFeed } from "../../../src/composition/transition-feed.js";
import { answerClientErrors } from "../../../src/http/client-errors.js";
import { createApp } from "../../../src/http/create-app.js";
import type { HttpDeps, HttpOptions, Readiness } from "../../../src/http/http-deps.js";

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
  /**
   * Take each request's actor from its `X-Test-Actor` header, standing in for the
   * authentication middleware that sets `ctx.state.actor` (default false).
   */
  readonly actorHeader?: boolean;
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
  request(path: string, init?: RequestInit): Promise<JsonAnswer>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<JsonAnswer>;
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
  let transitions = 0;
  publisher.subscribe(() => transitions++);
  publisher.subscribe(new DeliveryCounter(counters, service.lifecycle).observe);
  const deps: HttpDeps = {
    telecommands: service,
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
  const app = createApp(deps, options.http);
  if (options.actorHeader === true) {
    app.middleware.unshift(async (ctx, next) => {
      const actor = ctx.get("X-Test-Actor");
      if (actor !== "") ctx.state["actor"] = actor;
      await next();
    });
  }
  const server: Server = createServer(app.callback());
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request = async (path: string, init?: RequestInit): Promise<JsonAnswer> => {
    const response = await fetch(baseUrl + path, init);
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

  return {
    baseUrl,
    service,
    repository,
    registry,
    publisher,
    downlink,
    deps,
    dictionaries,
    inhibits,
    queues,
    request,
    post: (path, body, headers = {}) =>
      request(path, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
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
