import {
  CLOCK,
  type Clock,
  CONTACT_PLAN,
  type CommandSender,
  type ContactPlan,
  type Ground as CoreGround,
  createGround,
  DOWNLINK_LOG,
  type DownlinkFrame,
  type DownlinkLog,
  type DownlinkProcessor,
  EVENT_PUBLISHER,
  GROUND,
  type GroundPorts,
  type InhibitCatalog,
  InProcessEventPublisher,
  type QueueCatalog,
  RANDOM,
  type Random,
  ready,
  SPACECRAFT_REGISTRY,
  type SpacecraftRegistry,
  type SubmissionChecks,
  TELECOMMAND_REPOSITORY,
  type TelecommandRepository,
  type TelecommandService,
  type Timeouts,
  UPLINK,
  type Uplink,
} from "@uplink/core";
import { type DependencyContainer, instanceCachingFactory } from "tsyringe";
import type { TraceSink } from "../trace/trace-record.js";
import { traceTransitions } from "../trace/trace-recorders.js";
import type { ScenarioConfig } from "./scenario-config.js";
import {
  COMMAND_SENDERS,
  DOWNLINK_PROCESSOR,
  GROUND_RANDOM,
  INHIBIT_CATALOG,
  QUEUE_CATALOG,
  SUBMISSION_CHECKS,
  TELECOMMAND_SERVICE,
  TRACE_SINK,
} from "./tokens.js";

/**
 * One life of the ground: core's services as a ground process runs them, until it is stopped
 * at the end of the run or crashes.
 */
export interface Ground {
  /** 1 for the first life, one more after each restart. */
  readonly life: number;
  readonly container: DependencyContainer;
  readonly publisher: InProcessEventPublisher;
  readonly service: TelecommandService;
  readonly senders: readonly CommandSender[];
  readonly processor: DownlinkProcessor;
  /** A downlink frame lands on this ground; the processor is done with it on return. */
  receive(frame: DownlinkFrame): void;
  /** The process dies: its timers with it, nothing is released or flushed. */
  crash(): void;
  /** Shuts down in order, as SIGTERM would (the end of a run). */
  stop(): Promise<void>;
}

/**
 * The ports of one life of the ground, read from its container when first needed (core's
 * tokens), for {@link createGround}. A `configure` hook that registers another ground builds
 * it on these.
 */
export function groundPorts(r: DependencyContainer): GroundPorts {
  return {
    get repository() {
      return r.resolve<TelecommandRepository>(TELECOMMAND_REPOSITORY);
    },
    get clock() {
      return r.resolve<Clock>(CLOCK);
    },
    get random() {
      return r.resolve<Random>(RANDOM);
    },
    get publisher() {
      return r.resolve<InProcessEventPublisher>(EVENT_PUBLISHER);
    },
    get downlinkLog() {
      return r.resolve<DownlinkLog>(DOWNLINK_LOG);
    },
    get uplink() {
      return r.resolve<Uplink>(UPLINK);
    },
    get contactPlan() {
      return r.resolve<ContactPlan>(CONTACT_PLAN);
    },
    get registry() {
      return r.resolve<SpacecraftRegistry>(SPACECRAFT_REGISTRY);
    },
    // Only a run with inhibits registers these: without them core's sender looks nothing up.
    get checks() {
      return r.isRegistered(SUBMISSION_CHECKS, true)
        ? r.resolve<SubmissionChecks>(SUBMISSION_CHECKS)
        : undefined;
    },
    get inhibits() {
      return r.isRegistered(INHIBIT_CATALOG, true) ? r.resolve<InhibitCatalog>(INHIBIT_CATALOG) : undefined;
    },
    get queues() {
      return r.isRegistered(QUEUE_CATALOG, true) ? r.resolve<QueueCatalog>(QUEUE_CATALOG) : undefined;
    },
  };
}

/**
 * Registers the ground's parts of one life in its container: the publisher, core's ground
 * ({@link createGround}: the TelecommandService with the scenario's lifecycle and timeouts, and
 * the DownlinkProcessor), and `senders` command senders of that ground with lease owners of
 * their own (each owns its timeout watcher).
 */
export function registerGround(
  c: DependencyContainer,
  config: ScenarioConfig,
  timeouts: Timeouts,
  life: number,
): void {
  const once = <T>(make: (r: DependencyContainer) => T) => ({ useFactory: instanceCachingFactory<T>(make) });
  c.register(EVENT_PUBLISHER, { useValue: new InProcessEventPublisher() });
  c.register(
    GROUND,
    once((r) =>
      createGround(groundPorts(r), {
        lifecycle: config.lifecycle,
        timeouts,
        downlink: config.downlinkProcessor,
      }),
    ),
  );
  c.register(TELECOMMAND_SERVICE, { useFactory: (r) => r.resolve<CoreGround>(GROUND).telecommands });
  c.register(DOWNLINK_PROCESSOR, { useFactory: (r) => r.resolve<CoreGround>(GROUND).downlink });
  c.register(
    COMMAND_SENDERS,
    once((r) => {
      const random = r.resolve<Random & { fork(): Random }>(GROUND_RANDOM);
      const ground = r.resolve<CoreGround>(GROUND);
      return Array.from({ length: config.senders ?? 1 }, (_, k) =>
        // A restarted process is another lease owner: it takes over only once leases expire.
        ground.sender({ owner: `ground-${life}-sender-${k + 1}`, ...config.sender }, random.fork()),
      );
    }),
  );
}

/** Resolves a life's parts, wires the trace and the senders to its publisher, and starts the senders. */
export function startGround(c: DependencyContainer, scope: Clock & { end(): void }, life: number): Ground {
  const publisher = c.resolve<InProcessEventPublisher>(EVENT_PUBLISHER);
  const senders = c.resolve<CommandSender[]>(COMMAND_SENDERS);
  // The trace hears each transition first: what a sender does about it comes after it.
  publisher.subscribe(traceTransitions(c.resolve<TraceSink>(TRACE_SINK)));
  for (const sender of senders) publisher.subscribe(sender.observe);
  const processor = c.resolve<DownlinkProcessor>(DOWNLINK_PROCESSOR);
  for (const sender of senders) sender.start();
  return {
    life,
    container: c,
    publisher,
    service: c.resolve(TELECOMMAND_SERVICE),
    senders,
    processor,
    receive(frame) {
      ready(processor.receive(frame), "the downlink processor");
    },
    crash: () => scope.end(),
    async stop() {
      for (const sender of senders) await sender.stop();
      await processor.stop();
    },
  };
}
