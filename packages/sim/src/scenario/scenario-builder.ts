import "reflect-metadata";
import {
  CLOCK,
  type Clock,
  CONTACT_PLAN,
  type ContactPlan,
  DICTIONARY_STORE,
  DictionaryCatalog,
  type DictionaryStore,
  DOWNLINK_LOG,
  type DownlinkLog,
  INHIBIT_STORE,
  InhibitCatalog,
  type InhibitStore,
  InMemoryDictionaryStore,
  InMemoryInhibitStore,
  InMemoryQueueStateStore,
  InMemorySpacecraftRegistry,
  InMemoryTelecommandRepository,
  isInContact,
  type Lifecycle,
  newSpacecraft,
  QueueCatalog,
  type QueueStateStore,
  RANDOM,
  type SeededRandom,
  SPACECRAFT_REGISTRY,
  type SpacecraftRegistry,
  SubmissionChecks,
  TELECOMMAND_REPOSITORY,
  type TelecommandRepository,
  type Timeouts,
  UPLINK,
  type Uplink,
} from "@uplink/core";
import { type DependencyContainer, instanceCachingFactory, container as rootContainer } from "tsyringe";
import type { VirtualClock } from "../clock/virtual-clock.js";
import { CompactDownlinkLog } from "../downlink/compact-downlink-log.js";
import { UnreliableDownlink } from "../downlink/unreliable-downlink.js";
import { SimulatedSpacecraft } from "../spacecraft/simulated-spacecraft.js";
import type { TraceSink } from "../trace/trace-record.js";
import { traceSpacecraft, tracingUplink } from "../trace/trace-recorders.js";
import { type Ground, registerGround, startGround } from "./ground.js";
import { type SafeModeOperator, safeModeOperator } from "./safe-mode-operator.js";
import { hasChecks, hasQueues, type ScenarioConfig, scenarioDictionary } from "./scenario-config.js";
import {
  GROUND_RANDOM,
  INHIBIT_CATALOG,
  LINK_RANDOM,
  QUEUE_CATALOG,
  QUEUE_STORE,
  SIMULATED_SPACECRAFT,
  SPACECRAFT_RANDOM,
  SUBMISSION_CHECKS,
  TRACE_SINK,
  UNRELIABLE_DOWNLINK,
} from "./tokens.js";

/** The wired parts of one simulated run: the world, and the ground as it runs now. */
export interface ScenarioParts {
  readonly clock: VirtualClock;
  readonly plan: ContactPlan;
  /** The world: what outlives a restart of the ground (the database, the spacecraft, the link). */
  readonly repository: TelecommandRepository;
  readonly downlinkLog: DownlinkLog;
  readonly spacecraft: SimulatedSpacecraft;
  readonly link: UnreliableDownlink;
  /** The simulated operators who send RECOVER when housekeeping says SAFE (part of the world). */
  readonly operator: SafeModeOperator;
  /** The ground now running (the last one started). */
  ground(): Ground;
  /** Every life of the ground so far, oldest first. */
  readonly lives: readonly Ground[];
  /** Starts the first life of the ground. */
  start(): Ground;
  /** Crashes the running ground (all its memory and timers are lost) and starts a new one. */
  restart(): Ground;
}

/** What the builder needs beyond the configuration. */
export interface ScenarioFoundations {
  readonly clock: VirtualClock;
  readonly plan: ContactPlan;
  readonly timeouts: Timeouts;
  readonly trace: TraceSink;
  /** The run's root random stream; the builder forks one stream per part from it, in a fixed order. */
  readonly random: SeededRandom;
  /**
   * Changes registrations before anything is resolved, in every life of the ground: a test
   * injects a faulty port (e.g. a contact plan that lies to the sender) to see the invariant
   * checker catch it, or another decision to see the trace change.
   */
  readonly configure?: (container: DependencyContainer) => void;
}

/**
 * The simulator's composition root. The world (core's in-memory repository and downlink log,
 * as a database would keep them; the simulated spacecraft behind the uplink, and the
 * unreliable link) is built once; the ground (core's TelecommandService, command senders with
 * their timeout watchers, and DownlinkProcessor) is built for each of its lives, in a child
 * tsyringe container of its own (values and cached factories on core's Symbol tokens, no
 * decorators), on a scope of the virtual clock that a crash ends. The senders see the contact
 * plan through CONTACT_PLAN and the spacecraft through UPLINK, so a test can replace either;
 * the trace records what the ground and the spacecraft did.
 *
 * @example
 * const parts = buildScenario(config, { clock, plan, timeouts, trace, random: new SeededRandom(config.seed) });
 * parts.start();
 */
export function buildScenario(config: ScenarioConfig, foundations: ScenarioFoundations): ScenarioParts {
  const { clock, plan, trace, random } = foundations;
  const lifecycle: Lifecycle | undefined = config.lifecycle;
  const once = <T>(make: (c: DependencyContainer) => T) => ({ useFactory: instanceCachingFactory<T>(make) });
  // One stream per part, forked in this fixed order whatever is resolved first.
  const serviceRandom = random.fork();
  const groundRandom = random.fork();
  const spacecraftRandom = random.fork();
  const linkRandom = random.fork();
  const lives: Ground[] = [];
  let world: World | null = null;
  const operator = safeModeOperator(() => ground().service);
  const dictionary = scenarioDictionary(config);

  function registerWorld(c: DependencyContainer): void {
    c.register(SPACECRAFT_RANDOM, { useValue: spacecraftRandom });
    c.register(LINK_RANDOM, { useValue: linkRandom });
    // The scenario's spacecraft are registered before the run: core refuses commands to others.
    c.register(
      SPACECRAFT_REGISTRY,
      once(() => {
        const registry = new InMemorySpacecraftRegistry();
        const mission = dictionary?.mission ?? null;
        for (const id of config.spacecraft ?? ["sc-1"])
          registry.add(newSpacecraft(id, clock.now(), { mission }));
        return registry;
      }),
    );
    c.register(
      TELECOMMAND_REPOSITORY,
      once(
        () =>
          new InMemoryTelecommandRepository({
            keepEventLog: config.keepEventLog ?? false,
            keepHistory: config.keepHistory ?? false,
            expectedCommands: config.commands,
            ...(lifecycle ? { queuedStatuses: lifecycle.queuedStatuses } : {}),
          }),
      ),
    );
    // Frames by a 53-bit hash of their content rather than the content itself: a long run
    // stores millions of frames.
    c.register(
      DOWNLINK_LOG,
      once(() => new CompactDownlinkLog()),
    );
    c.register(
      UNRELIABLE_DOWNLINK,
      once(
        (r) =>
          // Frames reach whichever ground runs when they land.
          new UnreliableDownlink(
            clock,
            r.resolve(LINK_RANDOM),
            (frame) => {
              ground().receive(frame);
              operator.observe(frame);
            },
            config.downlink,
          ),
      ),
    );
    c.register(
      SIMULATED_SPACECRAFT,
      once((r) => {
        const link = r.resolve<UnreliableDownlink>(UNRELIABLE_DOWNLINK);
        const sink = r.resolve<TraceSink>(TRACE_SINK);
        const ids = config.spacecraft ?? ["sc-1"];
        const spacecraft = new SimulatedSpacecraft(
          clock,
          r.resolve(SPACECRAFT_RANDOM),
          (frame) => link.send(frame),
          {
            ...config.spacecraftBehaviour,
            spacecraftIds: ids,
            inContact: (id, at) => isInContact(plan, id, at),
            // The spacecraft's software knows its mission's dictionary, and nothing else.
            ...(dictionary ? { knownCommands: new Set(dictionary.commands.map((c) => c.name)) } : {}),
          },
          traceSpacecraft(sink),
          (m) =>
            sink.write({
              type: "mode",
              at: m.at,
              spacecraftId: m.spacecraftId,
              mode: m.mode,
              id: m.commandId,
            }),
        );
        // Housekeeping (off unless telemetryIntervalMs is set): the world's, it outlives crashes.
        spacecraft.startTelemetry(ids);
        return spacecraft;
      }),
    );
    c.register(
      UPLINK,
      once((r) =>
        tracingUplink(r.resolve<SimulatedSpacecraft>(SIMULATED_SPACECRAFT), clock, r.resolve(TRACE_SINK)),
      ),
    );
  }

  /**
   * A run with a dictionary or inhibits: they are stored as a database would keep them (the
   * world), and each life reads them through core's DictionaryCatalog and InhibitCatalog, which
   * its submission checks and senders use.
   */
  function registerChecks(c: DependencyContainer, scope: Clock): void {
    if (!hasChecks(config)) return;
    if (world === null) {
      c.register(
        INHIBIT_STORE,
        once(() => new InMemoryInhibitStore()),
      );
      c.register(
        DICTIONARY_STORE,
        once(() => {
          const store = new InMemoryDictionaryStore();
          if (dictionary) void new DictionaryCatalog(store, scope).put(dictionary.mission, dictionary);
          return store;
        }),
      );
    }
    c.register(
      INHIBIT_CATALOG,
      once((r) => new InhibitCatalog(r.resolve<InhibitStore>(INHIBIT_STORE), scope)),
    );
    c.register(
      SUBMISSION_CHECKS,
      once(
        (r) =>
          new SubmissionChecks(
            new DictionaryCatalog(r.resolve<DictionaryStore>(DICTIONARY_STORE), scope),
            r.resolve<InhibitCatalog>(INHIBIT_CATALOG),
          ),
      ),
    );
  }

  /** A run with queue states: stored as a database would keep them (the world), read by each life through core's QueueCatalog. */
  function registerQueues(c: DependencyContainer, scope: Clock): void {
    if (!hasQueues(config)) return;
    if (world === null)
      c.register(
        QUEUE_STORE,
        once(() => new InMemoryQueueStateStore()),
      );
    c.register(
      QUEUE_CATALOG,
      once((r) => new QueueCatalog(r.resolve<QueueStateStore>(QUEUE_STORE), scope)),
    );
  }

  function live(): Ground {
    const c = rootContainer.createChildContainer();
    const scope = clock.scope();
    if (world === null) registerWorld(c);
    c.register(CLOCK, { useValue: scope });
    c.register(RANDOM, { useValue: serviceRandom });
    c.register(CONTACT_PLAN, { useValue: plan });
    c.register(TRACE_SINK, { useValue: trace });
    c.register(GROUND_RANDOM, { useValue: groundRandom.fork() });
    registerChecks(c, scope);
    registerQueues(c, scope);
    registerGround(c, config, foundations.timeouts, lives.length + 1);
    foundations.configure?.(c);
    if (world === null) {
      world = {
        repository: c.resolve(TELECOMMAND_REPOSITORY),
        registry: c.resolve(SPACECRAFT_REGISTRY),
        downlinkLog: c.resolve(DOWNLINK_LOG),
        uplink: c.resolve(UPLINK),
        spacecraft: c.resolve(SIMULATED_SPACECRAFT),
        link: c.resolve(UNRELIABLE_DOWNLINK),
        inhibitStore: hasChecks(config) ? c.resolve<InhibitStore>(INHIBIT_STORE) : null,
        dictionaryStore: hasChecks(config) ? c.resolve<DictionaryStore>(DICTIONARY_STORE) : null,
        queueStore: hasQueues(config) ? c.resolve<QueueStateStore>(QUEUE_STORE) : null,
      };
    } else {
      if (world.inhibitStore !== null) c.register(INHIBIT_STORE, { useValue: world.inhibitStore });
      if (world.queueStore !== null) c.register(QUEUE_STORE, { useValue: world.queueStore });
      if (world.dictionaryStore !== null) c.register(DICTIONARY_STORE, { useValue: world.dictionaryStore });
      // What outlives the crash, whatever the hook registered.
      c.register(TELECOMMAND_REPOSITORY, { useValue: world.repository });
      c.register(SPACECRAFT_REGISTRY, { useValue: world.registry });
      c.register(DOWNLINK_LOG, { useValue: world.downlinkLog });
      c.register(UPLINK, { useValue: world.uplink });
    }
    const life = startGround(c, scope, lives.length + 1);
    lives.push(life);
    return life;
  }

  function ground(): Ground {
    const current = lives[lives.length - 1];
    if (current === undefined) throw new Error("the ground has not started");
    return current;
  }

  const first = (): World => {
    if (world === null) throw new Error("the ground has not started");
    return world;
  };
  return {
    clock,
    plan,
    get repository() {
      return first().repository;
    },
    get downlinkLog() {
      return first().downlinkLog;
    },
    get spacecraft() {
      return first().spacecraft;
    },
    get link() {
      return first().link;
    },
    operator,
    ground,
    lives,
    start: () => (lives.length === 0 ? live() : ground()),
    restart() {
      ground().crash();
      return live();
    },
  };
}

interface World {
  readonly repository: TelecommandRepository;
  readonly registry: SpacecraftRegistry;
  readonly downlinkLog: DownlinkLog;
  readonly uplink: Uplink;
  readonly spacecraft: SimulatedSpacecraft;
  readonly link: UnreliableDownlink;
  readonly inhibitStore: InhibitStore | null;
  readonly queueStore: QueueStateStore | null;
  readonly dictionaryStore: DictionaryStore | null;
}
