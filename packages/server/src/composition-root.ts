import {
  AUDIT_LOG,
  CLOCK,
  CONTACT_PLAN,
  COUNTERS,
  type CommandSender,
  type ContactPlan,
  DeliveryCounter,
  type DictionaryCatalog,
  DOWNLINK_GAPS,
  DOWNLINK_LOG,
  type DownlinkGaps,
  type DownlinkLog,
  type DownlinkProcessor,
  EVENT_PUBLISHER,
  type FleetDownlink,
  type FleetService,
  type InhibitCatalog,
  type InProcessEventPublisher,
  type QueueCatalog,
  type ReceiveReport,
  TELEMETRY_ARCHIVE,
  type TelecommandService,
} from "@uplink/core";
import type { SimulatedSpacecraft } from "@uplink/sim";
import { collectDefaultMetrics, type Registry } from "prom-client";
import { type DependencyContainer, container as rootContainer } from "tsyringe";
import { type ChangeFeed, createChangeFeed } from "./adapters/postgres/change-feed.js";
import type { FleetSnapshot } from "./composition/fleet-snapshot.js";
import { type HttpListener, startHttp } from "./composition/http-listener.js";
import type { InProcessDownlink } from "./composition/in-process-downlink.js";
import { registerServices, roleUses } from "./composition/register-services.js";
import { onRemoteSubmissions } from "./composition/remote-submissions.js";
import type { RuntimeStatus } from "./composition/runtime-status.js";
import { registerStartupFleet } from "./composition/startup-fleet.js";
import { type Announce, provisionUsers } from "./composition/startup-users.js";
import { startTelemetryPruner } from "./composition/telemetry-pruner.js";
import {
  COMMAND_SENDER,
  DICTIONARY_CATALOG,
  DOWNLINK_PROCESSOR,
  FLEET_DOWNLINK,
  FLEET_EVENTS,
  FLEET_SERVICE,
  FLEET_SNAPSHOT,
  IN_PROCESS_DOWNLINK,
  INHIBIT_CATALOG,
  METRICS_REGISTRY,
  QUEUE_CATALOG,
  RUNTIME_STATUS,
  SIMULATED_SPACECRAFT,
  TELECOMMAND_SERVICE,
  TRANSITION_FEED,
  USER_ACCOUNTS,
} from "./composition/tokens.js";
import type { createTransitionFeed } from "./composition/transition-feed.js";
import type { UplinkConfig } from "./config.js";
import { createDatabase } from "./database/create-database.js";
import type { Database } from "./database/database.js";
import { migrate } from "./database/migrate.js";
import { loadDictionaries } from "./dictionaries/dictionary-files.js";
import { createApp } from "./http/create-app.js";
import type { FleetFeed } from "./http/events/fleet-feed.js";
import type { HttpDeps, HttpOptions } from "./http/http-deps.js";
import { createLogger, type Logger } from "./logging/logger.js";
import { transitionLogger } from "./logging/transition-logger.js";
import { startSpacecraftService } from "./spacecraft/spacecraft-service.js";

/** How {@link startUplink} may be adjusted by an embedding program or a test. */
export interface StartOptions {
  /** The logger to use (default: one made from `config.logLevel`). */
  readonly logger?: Logger;
  /** Open the embedded database in memory instead of `config.dataDir` (tests). */
  readonly inMemoryDatabase?: boolean;
  /** With `inMemoryDatabase`: the data-directory dump it starts from (see `DatabaseOptions.inMemoryImage`). */
  readonly inMemoryImage?: Blob;
  /** HTTP layer tuning. */
  readonly http?: Partial<HttpOptions>;
  /** Longest wait for HTTP requests under way when stopping, before connections are cut (default 5 s). */
  readonly drainMs?: number;
  /**
   * Called with the container once every service is registered and before any is built or
   * started: replace a registration (a mission's own `UPLINK` gateway, a contact plan) or
   * subscribe to the publisher from the very first transition.
   */
  readonly register?: (container: DependencyContainer) => void;
  /** Where the first start's admin password and token are shown (default: standard error, never the logs). */
  readonly announce?: Announce;
}

/** A running Uplink process (or an embedded one). */
export interface RunningUplink {
  /** The HTTP base URL (`http://host:port`); null for a sender without HTTP. */
  readonly url: string | null;
  readonly config: UplinkConfig;
  /** The services, for embedding programs and tests: resolve with core's and the server's tokens. */
  readonly container: DependencyContainer | null;
  /** Drains (no new claims; work under way finishes or is released) and closes everything. */
  stop(): Promise<void>;
}

/** Longest wait for frames of the in-process spacecraft to be stored while stopping. */
const FRAME_DRAIN_MS = 3_000;

/**
 * Starts Uplink as configured: the role's parts (API and console, sender with its timeout
 * watcher, in-process or HTTP spacecraft link, downlink processing) on PGlite in
 * `config.dataDir` (migrated at start) or on PostgreSQL (`DATABASE_URL`, migrated by
 * `uplink migrate`). New commands wake the sender through the change feed (LISTEN/NOTIFY on
 * PostgreSQL, in-process on PGlite). Role `spacecraft` runs the spacecraft HTTP service.
 *
 * @example
 * const uplink = await startUplink(loadConfig(["--port", "0"], { UPLINK_TRANSMIT_DELAY_MAX_MS: "0" }));
 * await fetch(`${uplink.url}/api/telecommands`, { method: "POST", body: JSON.stringify({ name: "PING" }),
 *   headers: { "content-type": "application/json" } });
 * await uplink.stop();
 */
export async function startUplink(config: UplinkConfig, options: StartOptions = {}): Promise<RunningUplink> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, base: { role: config.role } });
  if (config.role === "spacecraft") {
    const spacecraft = await startSpacecraftService(config, logger);
    return { url: spacecraft.url, config, container: null, stop: () => spacecraft.stop() };
  }
  const db = await openDatabase(config, options, logger);
  const changes = createChangeFeed(db, {
    onError: (error) => logger.warn({ err: error }, "change feed: connection lost; reconnecting"),
  });
  const container = rootContainer.createChildContainer();
  const stops: (() => Promise<void>)[] = [];
  try {
    registerServices(container, { config, logger, db, changes });
    options.register?.(container);
    const uses = roleUses(config);
    await loadDictionaries(
      container.resolve<DictionaryCatalog>(DICTIONARY_CATALOG),
      config.dictionaries,
      logger,
    );
    const publisher = container.resolve<InProcessEventPublisher>(EVENT_PUBLISHER);
    publisher.subscribe(transitionLogger(logger));
    publisher.subscribe(container.resolve<RuntimeStatus>(RUNTIME_STATUS).observe);
    await registerStartupFleet(container.resolve(FLEET_SERVICE), container.resolve(COUNTERS), config, logger);
    await provisionUsers(container.resolve(USER_ACCOUNTS), config, logger, options.announce);
    const snapshot = container.resolve<FleetSnapshot>(FLEET_SNAPSHOT);
    await snapshot.start();
    stops.push(async () => snapshot.stop());
    const service = container.resolve<TelecommandService>(TELECOMMAND_SERVICE);
    publisher.subscribe(new DeliveryCounter(container.resolve(COUNTERS), service.lifecycle).observe);

    let http: HttpListener | null = null;
    if (uses.http) {
      const stopPruning = startTelemetryPruner(
        container.resolve(TELEMETRY_ARCHIVE),
        container.resolve(CLOCK),
        config.telemetryRetentionMs,
        (error) => logger.warn({ err: error }, "telemetry: could not drop history past its retention"),
      );
      stops.push(async () => stopPruning());
      http = await startHttp(
        createApp(httpDeps(container, logger), options.http).callback(),
        config.port,
        config.host,
      );
      const listener = http;
      // Stop taking connections first, then drain the rest, then wait for requests under way.
      stops.push(async () => listener.stopAccepting());
    }
    if (uses.spacecraft && config.role === "sender") {
      logger.warn(
        "this sender runs its own simulated spacecraft (no UPLINK_SPACECRAFT_URL): run only one such sender, " +
          "or one `uplink spacecraft` for all senders, or their frame numbers clash",
      );
    }
    if (uses.sender) stops.push(startSender(container, db.kind === "postgres" ? changes : null, logger));
    if (uses.downlink) {
      stops.push(async () => {
        if (uses.spacecraft) {
          container.resolve<SimulatedSpacecraft>(SIMULATED_SPACECRAFT).stop();
          const link = container.resolve<InProcessDownlink>(IN_PROCESS_DOWNLINK);
          await Promise.race([link.flush(), delay(FRAME_DRAIN_MS)]);
          await link.stop();
        }
        await container.resolve<DownlinkProcessor>(DOWNLINK_PROCESSOR).stop();
      });
    }
    if (http) {
      const listener = http;
      stops.push(() => listener.drain(options.drainMs ?? 5_000));
    }
    if (uses.downlink) {
      // Last: requests drained above may still have worked on a stream.
      stops.push(async () => {
        const log = container.resolve<DownlinkLog & { close?(): Promise<void> }>(DOWNLINK_LOG);
        await log.close?.();
      });
    }
    const url = http?.url ?? null;

    const where = url
      ? `console ${url}/  API ${url}/api/telecommands  docs ${url}/openapi.json`
      : "no HTTP (sender role)";
    const database =
      db.kind === "pglite" ? `embedded database in ${config.dataDir}` : `PostgreSQL (schema ${db.schema})`;
    logger.info({ url, database: db.kind }, `Uplink ${config.role} ready on ${database}: ${where}`);

    let stopping: Promise<void> | null = null;
    return {
      url,
      config,
      container,
      stop() {
        stopping ??= (async () => {
          logger.info("stopping: draining work under way");
          for (const stop of stops)
            await stop().catch((error: unknown) => logger.error({ err: error }, "stop failed"));
          if (http) container.resolve<ReturnType<typeof createTransitionFeed>>(TRANSITION_FEED).close();
          await changes.close();
          await db.close();
          logger.info("stopped");
        })();
        return stopping;
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    await changes.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}

async function openDatabase(config: UplinkConfig, options: StartOptions, logger: Logger): Promise<Database> {
  if (config.databaseUrl) {
    return createDatabase({ databaseUrl: config.databaseUrl, schema: config.databaseSchema });
  }
  const db = await createDatabase(
    options.inMemoryDatabase
      ? { inMemory: true, ...(options.inMemoryImage ? { inMemoryImage: options.inMemoryImage } : {}) }
      : { dataDir: config.dataDir },
  );
  try {
    const applied = await migrate(db.knex);
    if (applied.length > 0) logger.info({ applied }, `migrated the embedded database: ${applied.join(", ")}`);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

function httpDeps(container: DependencyContainer, logger: Logger): HttpDeps {
  const status = container.resolve<RuntimeStatus>(RUNTIME_STATUS);
  const metrics = container.resolve<Registry>(METRICS_REGISTRY);
  collectDefaultMetrics({ register: metrics });
  return {
    telecommands: container.resolve<TelecommandService>(TELECOMMAND_SERVICE),
    accounts: container.resolve(USER_ACCOUNTS),
    audit: container.resolve(AUDIT_LOG),
    dictionaries: container.resolve<DictionaryCatalog>(DICTIONARY_CATALOG),
    downlink: fleetReceiver(container.resolve<FleetDownlink<ReceiveReport>>(FLEET_DOWNLINK)),
    fleet: container.resolve<FleetService>(FLEET_SERVICE),
    telemetry: container.resolve(TELEMETRY_ARCHIVE),
    live: (fleet) => status.live(fleet),
    inhibits: container.resolve<InhibitCatalog>(INHIBIT_CATALOG),
    queues: container.resolve<QueueCatalog>(QUEUE_CATALOG),
    gaps: container.resolve<DownlinkGaps>(DOWNLINK_GAPS),
    contactPlan: container.resolve<ContactPlan>(CONTACT_PLAN),
    knownSpacecraft: () => status.knownSpacecraft(),
    events: container.resolve<ReturnType<typeof createTransitionFeed>>(TRANSITION_FEED),
    fleetEvents: container.resolve<FleetFeed>(FLEET_EVENTS),
    readiness: () => status.readiness(),
    stats: () => status.stats(),
    counters: container.resolve(COUNTERS),
    metrics,
    clock: container.resolve(CLOCK),
    logger,
  };
}

/**
 * Starts the sender, woken by this process's transitions (the publisher) and, on PostgreSQL,
 * by other processes' submissions and by the change feed coming back after an outage.
 */
function startSender(
  container: DependencyContainer,
  changes: ChangeFeed | null,
  logger: Logger,
): () => Promise<void> {
  const sender = container.resolve<CommandSender>(COMMAND_SENDER);
  const publisher = container.resolve<InProcessEventPublisher>(EVENT_PUBLISHER);
  const offObserve = publisher.subscribe(sender.observe);
  const offSubmitted = changes
    ? onRemoteSubmissions(changes, publisher, (id) => sender.nudge(id))
    : () => undefined;
  const offReconnected = changes?.onReconnected(() => sender.nudge()) ?? (() => undefined);
  sender.start();
  logger.info({ owner: sender.options.owner }, `sender ${sender.options.owner} started`);
  return async () => {
    offSubmitted();
    offReconnected();
    await sender.stop();
    offObserve();
    const { claims, transmitted, released } = sender.stats();
    logger.info(
      { claims, transmitted, released },
      `sender stopped: ${transmitted} transmitted, ${released} released`,
    );
  };
}

/** The downlink endpoint's receiver: the fleet's door, answering for every frame of the batch. */
function fleetReceiver(door: FleetDownlink<ReceiveReport>): HttpDeps["downlink"] {
  return {
    async receive(frames) {
      const { report } = await door.receive(frames);
      return {
        received: frames.length,
        accepted: report?.accepted ?? 0,
        duplicates: report?.duplicates ?? 0,
        conflicts: report?.conflicts ?? 0,
      };
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
