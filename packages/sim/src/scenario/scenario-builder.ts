import "reflect-metadata";
import {
  CLOCK,
  CONTACT_PLAN,
  type CommandSender,
  type ContactPlan,
  createCommandSender,
  DOWNLINK_LOG,
  type DownlinkLog,
  DownlinkProcessor,
  EVENT_PUBLISHER,
  InMemoryDownlinkLog,
  InMemoryTelecommandRepository,
  InProcessEventPublisher,
  type Lifecycle,
  RANDOM,
  type Random,
  type SeededRandom,
  TELECOMMAND_REPOSITORY,
  type TelecommandRepository,
  TelecommandService,
  type Timeouts,
  UPLINK,
  type Uplink,
} from "@uplink/core";
import { type DependencyContainer, instanceCachingFactory, container as rootContainer } from "tsyringe";
import type { VirtualClock } from "../clock/virtual-clock.js";
import { UnreliableDownlink } from "../downlink/unreliable-downlink.js";
import { SimulatedSpacecraft } from "../spacecraft/simulated-spacecraft.js";
import type { TraceSink } from "../trace/trace-record.js";
import { traceTransitions, tracingUplink } from "../trace/trace-recorders.js";
import type { ScenarioConfig } from "./scenario-config.js";
import {
  COMMAND_SENDER,
  DOWNLINK_PROCESSOR,
  LINK_RANDOM,
  SENDER_RANDOM,
  SIMULATED_SPACECRAFT,
  SPACECRAFT_RANDOM,
  TELECOMMAND_SERVICE,
  TRACE_SINK,
  UNRELIABLE_DOWNLINK,
} from "./tokens.js";

/** The wired parts of one simulated run. */
export interface ScenarioParts {
  readonly container: DependencyContainer;
  readonly clock: VirtualClock;
  readonly plan: ContactPlan;
  readonly repository: TelecommandRepository;
  readonly service: TelecommandService;
  readonly sender: CommandSender;
  readonly processor: DownlinkProcessor;
  readonly spacecraft: SimulatedSpacecraft;
  readonly link: UnreliableDownlink;
  readonly publisher: InProcessEventPublisher;
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
   * Changes registrations before anything is resolved: a test injects a faulty port here
   * (e.g. a contact plan that lies to the sender) to see the invariant checker catch it.
   */
  readonly configure?: (container: DependencyContainer) => void;
}

/**
 * The simulator's composition root: registers core's unchanged services and the simulated
 * parts in a child tsyringe container (values and cached factories on core's Symbol tokens,
 * no decorators), then resolves them. The sender sees the contact plan through CONTACT_PLAN
 * and the spacecraft through UPLINK, so a test can replace either; the trace records what
 * the ground and the spacecraft did.
 *
 * @example
 * const parts = buildScenario(config, { clock, plan, timeouts, trace, random: new SeededRandom(config.seed) });
 * parts.sender.start();
 */
export function buildScenario(config: ScenarioConfig, foundations: ScenarioFoundations): ScenarioParts {
  const { clock, plan, timeouts, trace, random } = foundations;
  const c = rootContainer.createChildContainer();
  const once = <T>(make: (c: DependencyContainer) => T) => ({ useFactory: instanceCachingFactory<T>(make) });
  const lifecycle: Lifecycle | undefined = config.lifecycle;

  // One stream per part, forked in this fixed order whatever is resolved first.
  c.register(RANDOM, { useValue: random.fork() });
  c.register(SENDER_RANDOM, { useValue: random.fork() });
  c.register(SPACECRAFT_RANDOM, { useValue: random.fork() });
  c.register(LINK_RANDOM, { useValue: random.fork() });
  c.register(CLOCK, { useValue: clock });
  c.register(CONTACT_PLAN, { useValue: plan });
  c.register(TRACE_SINK, { useValue: trace });
  c.register(EVENT_PUBLISHER, { useValue: new InProcessEventPublisher() });
  c.register(
    TELECOMMAND_REPOSITORY,
    once(
      () =>
        new InMemoryTelecommandRepository({
          keepEventLog: config.keepEventLog ?? false,
          keepHistory: config.keepHistory ?? true,
          ...(lifecycle ? { queuedStatuses: lifecycle.queuedStatuses } : {}),
        }),
    ),
  );
  c.register(
    DOWNLINK_LOG,
    once(() => new InMemoryDownlinkLog()),
  );
  c.register(
    TELECOMMAND_SERVICE,
    once(
      (r) =>
        new TelecommandService(
          r.resolve(TELECOMMAND_REPOSITORY),
          r.resolve(CLOCK),
          r.resolve(RANDOM),
          r.resolve(EVENT_PUBLISHER),
          {
            timeouts,
            ...(lifecycle ? { lifecycle } : {}),
          },
        ),
    ),
  );
  c.register(
    DOWNLINK_PROCESSOR,
    once(
      (r) =>
        new DownlinkProcessor(
          r.resolve(TELECOMMAND_SERVICE),
          r.resolve<DownlinkLog>(DOWNLINK_LOG),
          r.resolve(CLOCK),
          {
            ...config.downlinkProcessor,
          },
        ),
    ),
  );
  c.register(
    UNRELIABLE_DOWNLINK,
    once((r) => {
      const processor = r.resolve<DownlinkProcessor>(DOWNLINK_PROCESSOR);
      return new UnreliableDownlink(
        r.resolve(CLOCK),
        r.resolve(LINK_RANDOM),
        (frame) => processor.receive(frame),
        config.downlink,
      );
    }),
  );
  c.register(
    SIMULATED_SPACECRAFT,
    once((r) => {
      const link = r.resolve<UnreliableDownlink>(UNRELIABLE_DOWNLINK);
      const sink = r.resolve<TraceSink>(TRACE_SINK);
      return new SimulatedSpacecraft(
        r.resolve(CLOCK),
        r.resolve(SPACECRAFT_RANDOM),
        (frame) => link.send(frame),
        { ...config.spacecraftBehaviour, spacecraftIds: config.spacecraft ?? ["sc-1"] },
        (e) =>
          sink.write({
            type: "spacecraft",
            at: e.at,
            id: e.commandId,
            spacecraftId: e.spacecraftId,
            event: e.kind,
            success: e.success ?? null,
          }),
      );
    }),
  );
  c.register(
    UPLINK,
    once((r) =>
      tracingUplink(
        r.resolve<SimulatedSpacecraft>(SIMULATED_SPACECRAFT),
        r.resolve(CLOCK),
        r.resolve(TRACE_SINK),
      ),
    ),
  );
  c.register(
    COMMAND_SENDER,
    once((r) =>
      createCommandSender(
        {
          service: r.resolve(TELECOMMAND_SERVICE),
          repository: r.resolve(TELECOMMAND_REPOSITORY),
          clock: r.resolve(CLOCK),
          random: r.resolve<Random>(SENDER_RANDOM),
          uplink: r.resolve<Uplink>(UPLINK),
          contactPlan: r.resolve<ContactPlan>(CONTACT_PLAN),
        },
        { owner: "sim-sender", ...config.sender },
      ),
    ),
  );
  foundations.configure?.(c);

  const publisher = c.resolve<InProcessEventPublisher>(EVENT_PUBLISHER);
  const sender = c.resolve<CommandSender>(COMMAND_SENDER);
  publisher.subscribe(traceTransitions(c.resolve(TRACE_SINK)));
  publisher.subscribe((event) => sender.observe(event));
  return {
    container: c,
    clock,
    plan,
    repository: c.resolve(TELECOMMAND_REPOSITORY),
    service: c.resolve(TELECOMMAND_SERVICE),
    sender,
    processor: c.resolve(DOWNLINK_PROCESSOR),
    spacecraft: c.resolve(SIMULATED_SPACECRAFT),
    link: c.resolve(UNRELIABLE_DOWNLINK),
    publisher,
  };
}
