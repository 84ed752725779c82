import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { AlwaysContactPlan } from "../../src/contacts/always-contact-plan.js";
import type { InhibitCatalog } from "../../src/inhibits/inhibit-catalog.js";
import type { Clock } from "../../src/ports/clock.js";
import type { ContactPlan } from "../../src/ports/contact-plan.js";
import type { Random } from "../../src/ports/random.js";
import type { TelecommandRepository } from "../../src/ports/telecommand-repository.js";
import type { Uplink, UplinkCommand, UplinkResult } from "../../src/ports/uplink.js";
import type { QueueCatalog } from "../../src/queues/queue-catalog.js";
import { type CommandSender, createCommandSender } from "../../src/services/command-sender.js";
import type { CommandSenderOptions } from "../../src/services/sender-options.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import type { Timeouts } from "../../src/services/timeouts.js";
import type { Instant } from "../../src/types.js";

/** One command as the uplink received it. */
export interface SentRecord {
  readonly at: Instant;
  readonly command: UplinkCommand;
}

/** A fake uplink that records every send; `respond` decides the answer (default: the link takes it). */
export class RecordingUplink implements Uplink {
  readonly sent: SentRecord[] = [];
  constructor(
    private readonly clock: Clock,
    public respond: (command: UplinkCommand) => UplinkResult | Promise<UplinkResult> = () => ({ ok: true }),
  ) {}

  async send(command: UplinkCommand): Promise<UplinkResult> {
    this.sent.push({ at: this.clock.now(), command });
    return this.respond(command);
  }
}

/** A Random that plays back a script of values, then repeats the last one. */
export class ScriptedRandom implements Random {
  private i = 0;
  constructor(private readonly values: readonly number[]) {}
  next(): number {
    const v = this.values[Math.min(this.i, this.values.length - 1)] ?? 0;
    this.i++;
    return v;
  }
}

export interface HarnessOptions {
  readonly plan?: ContactPlan;
  readonly start?: Instant;
  readonly seed?: number;
  readonly random?: Random;
  readonly sender?: Partial<CommandSenderOptions>;
  readonly timeouts?: Partial<Timeouts>;
  /** Wrap the repository (e.g. to record claims or to schedule its promises). */
  readonly wrap?: (inner: InMemoryTelecommandRepository) => TelecommandRepository;
  /** Chain the publisher to sender.observe (default true). */
  readonly observe?: boolean;
  /** The spacecraft's inhibits the sender decides by (default: none). */
  readonly inhibits?: InhibitCatalog;
  /** The spacecraft's queue states the service and the sender obey (default: every queue open). */
  readonly queues?: QueueCatalog;
}

/** Core wired with in-memory adapters, a manual clock and a recording uplink, for sender tests. */
export function createHarness(options: HarnessOptions = {}) {
  const clock = new ManualClock(options.start ?? Date.UTC(2030, 0, 1));
  const seed = options.seed ?? 1;
  const store = new InMemoryTelecommandRepository();
  const repository = options.wrap ? options.wrap(store) : store;
  const publisher = new InProcessEventPublisher();
  const service = new TelecommandService(repository, clock, new SeededRandom(seed), publisher, {
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    queues: options.queues,
  });
  const uplink = new RecordingUplink(clock);
  const contactPlan = options.plan ?? new AlwaysContactPlan();
  const random = options.random ?? new SeededRandom(seed + 1_000_003);
  const makeSender = (extra: Partial<CommandSenderOptions> = {}): CommandSender => {
    const sender = createCommandSender(
      {
        service,
        repository,
        clock,
        random,
        uplink,
        contactPlan,
        inhibits: options.inhibits,
        queues: options.queues,
      },
      { owner: "sender-a", ...options.sender, ...extra },
    );
    if (options.observe !== false) publisher.subscribe(sender.observe);
    return sender;
  };
  const sender = makeSender();
  return { clock, store, repository, publisher, service, uplink, contactPlan, sender, makeSender };
}

/** Lets promise callbacks settle without moving the clock. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 200; i++) await Promise.resolve();
}
