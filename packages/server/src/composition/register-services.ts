import { hostname } from "node:os";
import {
  AUDIT_LOG,
  CLOCK,
  CONTACT_PLAN,
  COUNTERS,
  type ContactPlan,
  createGround,
  DICTIONARY_STORE,
  DictionaryCatalog,
  DOWNLINK_GAPS,
  DOWNLINK_LOG,
  type DownlinkProcessor,
  EVENT_PUBLISHER,
  FleetContactPlan,
  FleetDownlink,
  FleetService,
  GROUND,
  type Ground,
  INHIBIT_STORE,
  InhibitCatalog,
  InProcessEventPublisher,
  isInContact,
  type LimitSource,
  NO_LIMITS,
  QUEUE_STATE_STORE,
  QueueCatalog,
  RANDOM,
  type Random,
  SPACECRAFT_REGISTRY,
  type SpacecraftRegistry,
  SubmissionChecks,
  TELECOMMAND_REPOSITORY,
  TELEMETRY_ARCHIVE,
  type TelecommandRepository,
  UPLINK,
  type Uplink,
  USER_STORE,
} from "@uplink/core";
import { contactPlanFromSpec, createTleResolver, SimulatedSpacecraft } from "@uplink/sim";
import { Registry } from "prom-client";
import { type DependencyContainer, instanceCachingFactory } from "tsyringe";
import { FleetUplink } from "../adapters/http/fleet-uplink.js";
import { HttpUplink } from "../adapters/http/http-uplink.js";
import { createRandom } from "../adapters/node/crypto-random.js";
import { SystemClock } from "../adapters/node/system-clock.js";
import type { ChangeFeed } from "../adapters/postgres/change-feed.js";
import { KnexAuditLog } from "../adapters/postgres/knex-audit-log.js";
import { KnexCounters } from "../adapters/postgres/knex-counters.js";
import { KnexDictionaryStore } from "../adapters/postgres/knex-dictionary-store.js";
import { KnexDownlinkLog } from "../adapters/postgres/knex-downlink-log.js";
import { KnexInhibitStore } from "../adapters/postgres/knex-inhibit-store.js";
import { KnexQueueStateStore } from "../adapters/postgres/knex-queue-state-store.js";
import { KnexSpacecraftRegistry } from "../adapters/postgres/knex-spacecraft-registry.js";
import { KnexTelecommandRepository } from "../adapters/postgres/knex-telecommand-repository.js";
import { KnexTelemetryArchive } from "../adapters/postgres/knex-telemetry-archive.js";
import { KnexUserStore } from "../adapters/postgres/knex-user-store.js";
import { UserAccounts } from "../auth/user-accounts.js";
import type { UplinkConfig } from "../config.js";
import type { Database } from "../database/database.js";
import { createFleetFeed, type FleetFeed } from "../http/events/fleet-feed.js";
import { fleetOnWire } from "../http/routes/spacecraft-router.js";
import type { Logger } from "../logging/logger.js";
import { CachedSpacecraftLookup } from "./cached-spacecraft-lookup.js";
import { FleetDictionaries } from "./fleet-dictionaries.js";
import { FleetSnapshot } from "./fleet-snapshot.js";
import { groundPorts } from "./ground-ports.js";
import { InProcessDownlink } from "./in-process-downlink.js";
import { RuntimeStatus } from "./runtime-status.js";
import {
  CHANGE_FEED,
  COMMAND_SENDER,
  CONFIG,
  DATABASE,
  DICTIONARY_CATALOG,
  DOWNLINK_PROCESSOR,
  FLEET_DICTIONARIES,
  FLEET_DOWNLINK,
  FLEET_EVENTS,
  FLEET_SERVICE,
  FLEET_SNAPSHOT,
  HEALTH_LIMITS,
  IN_PROCESS_DOWNLINK,
  INHIBIT_CATALOG,
  LOGGER,
  METRICS_REGISTRY,
  QUEUE_CATALOG,
  RUNTIME_STATUS,
  SIMULATED_SPACECRAFT,
  SPACECRAFT_LOOKUP,
  SUBMISSION_CHECKS,
  TELECOMMAND_SERVICE,
  TRANSITION_FEED,
  USER_ACCOUNTS,
} from "./tokens.js";
import { createTransitionFeed } from "./transition-feed.js";

/** What exists before the container: opened by the composition root, closed by it. */
export interface Foundations {
  readonly config: UplinkConfig;
  readonly logger: Logger;
  readonly db: Database;
  readonly changes: ChangeFeed;
}

/** The parts of a ground process that its role (and the uplink in use) needs. */
export function roleUses(config: UplinkConfig): {
  readonly http: boolean;
  readonly sender: boolean;
  readonly downlink: boolean;
  readonly spacecraft: boolean;
} {
  const http = config.role === "all" || config.role === "api";
  const sender = config.role === "all" || config.role === "sender";
  const spacecraft = sender && config.spacecraftUrl === null;
  return { http, sender, spacecraft, downlink: http || spacecraft };
}

/**
 * Downlink frames applied at once (see core's DownlinkProcessorOptions). A spacecraft's frames
 * are applied in waves, one after another, each waiting for its reads and transitions to
 * commit: few large waves keep storage busy where many small ones leave it waiting on round
 * trips (on the dispatch bench, 512 measured 3 900–4 100 lifecycles/s and 4 096 measured 4 250–5 100).
 */
export const DOWNLINK_APPLY_CONCURRENCY = 4096;

/** How often a process reads the fleet again for changes other processes made (contact plans, uplink URLs). */
export const FLEET_REFRESH_MS = 2_000;

/** How often a sender looks for leases a crashed sender left, and sweeps overdue deadlines. */
export const SENDER_POLL_MS = 1_000;

let senders = 0;

/**
 * Registers every service of a ground process in `container` (core's port tokens and the
 * server's own, see `tokens.ts`). Everything is a cached factory: a process resolves only what
 * its role uses, e.g. an API process never builds a sender or a spacecraft.
 *
 * @example
 * const container = rootContainer.createChildContainer();
 * registerServices(container, { config, logger, db, changes });
 * const service = container.resolve<TelecommandService>(TELECOMMAND_SERVICE);
 */
export function registerServices(container: DependencyContainer, foundations: Foundations): void {
  const { config, logger, db, changes } = foundations;
  const once = <T>(make: (c: DependencyContainer) => T) => ({ useFactory: instanceCachingFactory<T>(make) });

  container.register(CONFIG, { useValue: config });
  container.register(LOGGER, { useValue: logger });
  container.register(DATABASE, { useValue: db });
  container.register(CHANGE_FEED, { useValue: changes });
  container.register(METRICS_REGISTRY, { useValue: new Registry() });
  container.register(CLOCK, { useValue: new SystemClock() });
  container.register(RANDOM, { useValue: createRandom(config.seed) });
  container.register(EVENT_PUBLISHER, { useValue: new InProcessEventPublisher() });

  container.register(
    TELECOMMAND_REPOSITORY,
    once(() => new KnexTelecommandRepository(db)),
  );
  container.register(
    COUNTERS,
    once(() => new KnexCounters(db)),
  );
  container.register(
    DOWNLINK_LOG,
    once(() => new KnexDownlinkLog(db)),
  );
  container.register(
    USER_STORE,
    once(() => new KnexUserStore(db)),
  );
  container.register(
    USER_ACCOUNTS,
    once((c) => new UserAccounts(c.resolve(USER_STORE), c.resolve(CLOCK))),
  );
  container.register(
    AUDIT_LOG,
    once(() => new KnexAuditLog(db)),
  );
  container.register(
    DICTIONARY_STORE,
    once(() => new KnexDictionaryStore(db)),
  );
  container.register(
    DICTIONARY_CATALOG,
    once((c) => new DictionaryCatalog(c.resolve(DICTIONARY_STORE), c.resolve(CLOCK))),
  );
  container.register(
    INHIBIT_STORE,
    once(() => new KnexInhibitStore(db)),
  );
  container.register(
    INHIBIT_CATALOG,
    once((c) => new InhibitCatalog(c.resolve(INHIBIT_STORE), c.resolve(CLOCK))),
  );
  container.register(
    QUEUE_STATE_STORE,
    once(() => new KnexQueueStateStore(db)),
  );
  container.register(
    QUEUE_CATALOG,
    once((c) => new QueueCatalog(c.resolve(QUEUE_STATE_STORE), c.resolve(CLOCK))),
  );
  container.register(
    SUBMISSION_CHECKS,
    once((c) => new SubmissionChecks(c.resolve(DICTIONARY_CATALOG), c.resolve(INHIBIT_CATALOG))),
  );
  // The log lists the gaps it recorded.
  container.register(DOWNLINK_GAPS, { useFactory: (c) => c.resolve(DOWNLINK_LOG) });
  container.register(
    SPACECRAFT_REGISTRY,
    once(() => new KnexSpacecraftRegistry(db)),
  );
  container.register(
    SPACECRAFT_LOOKUP,
    once((c) => new CachedSpacecraftLookup(c.resolve(SPACECRAFT_REGISTRY), c.resolve(CLOCK))),
  );
  container.register(
    TELEMETRY_ARCHIVE,
    once(() => new KnexTelemetryArchive(db)),
  );
  container.register(
    FLEET_SNAPSHOT,
    once((c) => {
      const snapshot = new FleetSnapshot(c.resolve(SPACECRAFT_REGISTRY), FLEET_REFRESH_MS, (error) =>
        logger.warn({ err: error }, "fleet: could not read the registered spacecraft; keeping the last copy"),
      );
      const plan = c.resolve<ContactPlan>(CONTACT_PLAN);
      if (plan instanceof FleetContactPlan) {
        snapshot.subscribe((fleet) =>
          plan.update(fleet, (id, error) =>
            logger.warn(
              { err: error, spacecraftId: id },
              `fleet: ${id}'s contact plan cannot be built; it follows UPLINK_CONTACTS`,
            ),
          ),
        );
      }
      const uplink = c.resolve<Uplink>(UPLINK);
      if (uplink instanceof FleetUplink) snapshot.subscribe((fleet) => uplink.update(fleet));
      const dictionaries = c.resolve<FleetDictionaries>(FLEET_DICTIONARIES);
      snapshot.subscribe((fleet) =>
        dictionaries
          .update(fleet)
          .catch((error: unknown) =>
            logger.warn({ err: error }, "fleet: could not read the dictionaries; keeping the last ones"),
          ),
      );
      return snapshot;
    }),
  );
  container.register(
    FLEET_SERVICE,
    once(
      (c) =>
        new FleetService(
          c.resolve(SPACECRAFT_REGISTRY),
          c.resolve(TELECOMMAND_REPOSITORY),
          c.resolve(CLOCK),
          {
            // This process's own changes reach its submissions, contact plan, uplink and event streams at once.
            onChange: (change) => {
              c.resolve<CachedSpacecraftLookup>(SPACECRAFT_LOOKUP).note(change);
              void c.resolve<FleetSnapshot>(FLEET_SNAPSHOT).refresh();
              if (roleUses(config).http) c.resolve<FleetFeed>(FLEET_EVENTS).poke();
            },
          },
        ),
    ),
  );
  container.register(
    FLEET_EVENTS,
    once((c) => {
      const status = c.resolve<RuntimeStatus>(RUNTIME_STATUS);
      return createFleetFeed({
        read: () => fleetOnWire({ fleet: c.resolve(FLEET_SERVICE), live: (f) => status.live(f) }),
        clock: c.resolve(CLOCK),
        onError: (error) => logger.warn({ err: error }, "events: could not read the fleet; trying again"),
      });
    }),
  );
  container.register(
    FLEET_DOWNLINK,
    once(
      (c) =>
        new FleetDownlink(
          c.resolve<SpacecraftRegistry>(SPACECRAFT_REGISTRY),
          c.resolve(COUNTERS),
          c.resolve(CLOCK),
          c.resolve<DownlinkProcessor>(DOWNLINK_PROCESSOR),
          c.resolve(TELEMETRY_ARCHIVE),
        ),
    ),
  );
  container.register(
    CONTACT_PLAN,
    once(
      () =>
        new FleetContactPlan(
          contactPlanFromSpec(config.contacts, { stations: config.stations ?? undefined }),
          {
            resolveTle: createTleResolver({ stations: config.stations ?? undefined, variable: "contacts" }),
            variable: "contacts",
          },
        ),
    ),
  );
  container.register(
    GROUND,
    once((c) => {
      const repository = c.resolve<TelecommandRepository>(TELECOMMAND_REPOSITORY);
      return createGround(groundPorts(c), {
        timeouts: { acceptanceMs: config.ackTimeoutMs, executionMs: config.execTimeoutMs },
        downlink: {
          gapTimeoutMs: config.downlinkGapTimeoutMs,
          // Reports of different commands at once, so that their transitions share commits.
          applyConcurrency: DOWNLINK_APPLY_CONCURRENCY,
          // A report starts from the copy the sender's last transition left (two reads fewer
          // per lifecycle); when another process moved the command, the repository reads it.
          ...(repository instanceof KnexTelecommandRepository
            ? { known: (id: string) => repository.known(id) }
            : {}),
          onError: (error) => logger.error({ err: error }, "downlink: gap handling failed"),
        },
      });
    }),
  );
  container.register(TELECOMMAND_SERVICE, { useFactory: (c) => c.resolve<Ground>(GROUND).telecommands });
  container.register(DOWNLINK_PROCESSOR, { useFactory: (c) => c.resolve<Ground>(GROUND).downlink });
  container.register(
    IN_PROCESS_DOWNLINK,
    once(
      (c) =>
        new InProcessDownlink({
          downlink: c.resolve(FLEET_DOWNLINK),
          log: c.resolve(DOWNLINK_LOG),
          clock: c.resolve(CLOCK),
          onRetry: (error, frames, waitMs) =>
            logger.warn(
              { err: error, frames, waitMs },
              `downlink: ${frames} frames not stored; retrying in ${waitMs} ms`,
            ),
        }),
    ),
  );
  container.register(
    FLEET_DICTIONARIES,
    once((c) => new FleetDictionaries(c.resolve(DICTIONARY_CATALOG))),
  );
  // Health's `degraded` (SPEC §8): the limits of each spacecraft's mission's dictionary.
  container.register(HEALTH_LIMITS, {
    useFactory: (c) => c.resolve<FleetDictionaries>(FLEET_DICTIONARIES).limitsFor,
  });
  container.register(
    SIMULATED_SPACECRAFT,
    once((c) => {
      const plan = c.resolve<ContactPlan>(CONTACT_PLAN);
      const spacecraft = new SimulatedSpacecraft(
        c.resolve(CLOCK),
        c.resolve<Random>(RANDOM),
        c.resolve<InProcessDownlink>(IN_PROCESS_DOWNLINK).sink,
        {
          ackDelayMaxMs: config.ackDelayMaxMs,
          execDelayMaxMs: config.execDelayMaxMs,
          failureRate: config.failureRate,
          knownCommands: c.resolve<FleetDictionaries>(FLEET_DICTIONARIES).knows,
          telemetryIntervalMs: config.hkIntervalMs,
          safeModeMeanMs: config.safeModeMeanMs,
          inContact: (id, at) => isInContact(plan, id, at),
        },
        undefined,
        (change) =>
          logger.info(
            { spacecraftId: change.spacecraftId, mode: change.mode, commandId: change.commandId },
            `spacecraft ${change.spacecraftId}: ${change.mode === "SAFE" ? "fell into safe mode" : "left safe mode"}`,
          ),
      );
      // Housekeeping for every registered spacecraft this one plays (those with an uplink URL of
      // their own are real or remote), as the fleet stands at each period (the snapshot is
      // resolved then: it is built from the uplink, which is built from this). Only in a process
      // that plays the spacecraft (`--role all`, or a sender without UPLINK_SPACECRAFT_URL),
      // which stops it: an API process builds the uplink too (the fleet snapshot updates it),
      // and its housekeeping would both clash with the sender's frames and keep its timer
      // running after `stop()`.
      if (roleUses(config).spacecraft)
        spacecraft.startTelemetry(() =>
          c
            .resolve<FleetSnapshot>(FLEET_SNAPSHOT)
            .latest()
            .flatMap((s) => (s.uplinkUrl === null ? [s.id] : [])),
        );
      return spacecraft;
    }),
  );
  container.register(
    UPLINK,
    once(
      (c): Uplink =>
        new FleetUplink(
          config.spacecraftUrl === null
            ? c.resolve<SimulatedSpacecraft>(SIMULATED_SPACECRAFT)
            : new HttpUplink({ baseUrl: config.spacecraftUrl, timeoutMs: config.linkTimeoutMs }),
          config.linkTimeoutMs,
        ),
    ),
  );
  container.register(
    COMMAND_SENDER,
    once((c) =>
      c.resolve<Ground>(GROUND).sender({
        owner: `${hostname()}-${process.pid}-${++senders}`,
        transmitDelayMaxMs: config.transmitDelayMaxMs,
        pollIntervalMs: SENDER_POLL_MS,
        ...(config.leaseMs === null ? {} : { leaseMs: config.leaseMs }),
      }),
    ),
  );
  container.register(
    RUNTIME_STATUS,
    once(
      (c) =>
        new RuntimeStatus({
          db,
          repository: c.resolve(TELECOMMAND_REPOSITORY),
          service: c.resolve(TELECOMMAND_SERVICE),
          counters: c.resolve(COUNTERS),
          registry: c.resolve(SPACECRAFT_REGISTRY),
          telemetry: c.resolve(TELEMETRY_ARCHIVE),
          contactPlan: c.resolve(CONTACT_PLAN),
          clock: c.resolve(CLOCK),
          queues: c.resolve(QUEUE_CATALOG),
          // The dictionaries' telemetry limits (FleetDictionaries), or what a test registers instead.
          limits: c.isRegistered(HEALTH_LIMITS, true) ? c.resolve<LimitSource>(HEALTH_LIMITS) : NO_LIMITS,
          sender: () => (roleUses(config).sender ? c.resolve(COMMAND_SENDER) : null),
        }),
    ),
  );
  container.register(
    TRANSITION_FEED,
    once((c) => {
      const repository = c.resolve<TelecommandRepository>(TELECOMMAND_REPOSITORY);
      return createTransitionFeed({
        publisher: c.resolve<InProcessEventPublisher>(EVENT_PUBLISHER),
        repository,
        ...(repository instanceof KnexTelecommandRepository && {
          lastEventId: () => repository.lastEventId(),
        }),
        // On the embedded database this process is the only writer: its publisher sees everything.
        changes: db.kind === "postgres" ? changes : null,
        onError: (error) =>
          logger.warn({ err: error }, "events: could not read a transition of another process"),
      });
    }),
  );
}
