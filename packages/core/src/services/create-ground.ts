import { queueSends } from "../decisions/queue-decision.js";
import type { SubmissionChecks } from "../dictionary/submission-checks.js";
import type { DownlinkProcessorOptions } from "../downlink/downlink-options.js";
import { DownlinkProcessor } from "../downlink/downlink-processor.js";
import type { InhibitCatalog } from "../inhibits/inhibit-catalog.js";
import type { Lifecycle } from "../lifecycle/lifecycle.js";
import type { Clock } from "../ports/clock.js";
import type { ContactPlan } from "../ports/contact-plan.js";
import type { Counters } from "../ports/counters.js";
import type { DownlinkLog } from "../ports/downlink-log.js";
import type { EventPublisher } from "../ports/event-publisher.js";
import type { Random } from "../ports/random.js";
import type { SpacecraftLookup } from "../ports/spacecraft-registry.js";
import type { TelecommandRepository } from "../ports/telecommand-repository.js";
import type { Uplink } from "../ports/uplink.js";
import type { QueueCatalog } from "../queues/queue-catalog.js";
import { type CommandSender, createCommandSender } from "./command-sender.js";
import type { CommandSenderOptions } from "./sender-options.js";
import { TelecommandService } from "./telecommand-service.js";
import type { Timeouts } from "./timeouts.js";

/**
 * The ports a ground runs on. Each is read when the service that needs it is first built, so
 * an object of getters lets a process that never sends (an API process) never build its uplink
 * or contact plan.
 */
export interface GroundPorts {
  readonly repository: TelecommandRepository;
  readonly clock: Clock;
  /** Command ids (and, unless a sender is given its own, the senders' jitter). */
  readonly random: Random;
  readonly publisher: EventPublisher;
  readonly downlinkLog: DownlinkLog;
  /** Read by senders only. */
  readonly uplink: Uplink;
  /** Read by senders only. */
  readonly contactPlan: ContactPlan;
  /** Where refused and duplicate submissions are counted (default: in memory). */
  readonly counters?: Counters | undefined;
  /** The registered spacecraft (or a cached lookup): with it, submissions to unknown spacecraft are refused. */
  readonly registry?: SpacecraftLookup | undefined;
  /** The dictionary and inhibit checks a submission passes (default: none). */
  readonly checks?: SubmissionChecks | undefined;
  /** The spacecraft's inhibits, which senders obey (default: nothing inhibited). */
  readonly inhibits?: InhibitCatalog | undefined;
  /** The spacecraft's queue states, which submissions and senders obey (default: every queue open). */
  readonly queues?: QueueCatalog | undefined;
}

/** The decisions a ground is configured with; the defaults are core's. */
export interface GroundOptions {
  readonly lifecycle?: Lifecycle | undefined;
  readonly timeouts?: Partial<Timeouts> | undefined;
  readonly downlink?: Partial<DownlinkProcessorOptions> | undefined;
}

/** Core's services of one ground process, wired to each other and to its ports. */
export interface Ground {
  /** Submissions, reads, cancels and every transition; built on first use. */
  readonly telecommands: TelecommandService;
  /** Downlink frames in, reports applied to the telecommands; built on first use. */
  readonly downlink: DownlinkProcessor;
  /**
   * A new command sender on this ground's service, with its own timeout watcher (the deadlines
   * it sweeps and recovers). Give each sender its own `owner`; `random` its own draws of
   * jitter (default the ports').
   */
  sender(options?: Partial<CommandSenderOptions>, random?: Random): CommandSender;
}

/**
 * Builds a ground's services from its ports, as the server's processes and the simulator's
 * ground both run them: one TelecommandService, one DownlinkProcessor reporting to it, and
 * command senders on demand. The one place where core's services are wired together; the
 * composition roots register it in their containers and register its parts under their tokens.
 *
 * @example
 * const ground = createGround({ repository, clock, random, publisher, downlinkLog, uplink, contactPlan });
 * const sender = ground.sender({ owner: "sender-1" });
 * sender.start();
 * await ground.telecommands.submit({ name: "PING" });
 */
export function createGround(ports: GroundPorts, options: GroundOptions = {}): Ground {
  let telecommands: TelecommandService | null = null;
  let downlink: DownlinkProcessor | null = null;
  const service = (): TelecommandService => {
    telecommands ??= new TelecommandService(ports.repository, ports.clock, ports.random, ports.publisher, {
      lifecycle: options.lifecycle,
      timeouts: options.timeouts,
      counters: ports.counters,
      registry: ports.registry,
      checks: ports.checks,
      queues: ports.queues,
    });
    return telecommands;
  };
  return {
    get telecommands() {
      return service();
    },
    get downlink() {
      downlink ??= new DownlinkProcessor(service(), ports.downlinkLog, ports.clock, options.downlink);
      return downlink;
    },
    sender(senderOptions = {}, random = ports.random) {
      const sender = createCommandSender(
        {
          service: service(),
          repository: ports.repository,
          clock: ports.clock,
          random,
          uplink: ports.uplink,
          contactPlan: ports.contactPlan,
          inhibits: ports.inhibits,
          queues: ports.queues,
        },
        senderOptions,
      );
      // A queue that opens through this ground is served at once; other processes' changes, at the next round.
      ports.queues?.onChange((spacecraftId, state) => {
        if (queueSends(state)) sender.nudge(spacecraftId);
      });
      return sender;
    },
  };
}

/** The tsyringe-style token under which composition roots register a {@link Ground}. */
export const GROUND = Symbol.for("uplink.Ground");
