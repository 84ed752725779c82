import type { Clock, TimerHandle } from "../ports/clock.js";
import type { ContactPlan } from "../ports/contact-plan.js";
import type { Random } from "../ports/random.js";
import type { TelecommandRepository } from "../ports/telecommand-repository.js";
import type { Uplink } from "../ports/uplink.js";
import type { Instant, Telecommand, TransitionEvent } from "../types.js";
import { type CommandSenderOptions, resolveSenderOptions } from "./sender-options.js";
import type { TelecommandService } from "./telecommand-service.js";
import { createTimeoutWatcher } from "./timeout-watcher.js";
import { TransmitScheduler } from "./transmit-scheduler.js";

/** The ports a command sender works on. */
export interface CommandSenderDeps {
  readonly service: TelecommandService;
  readonly repository: TelecommandRepository;
  readonly clock: Clock;
  readonly random: Random;
  readonly uplink: Uplink;
  readonly contactPlan: ContactPlan;
}

/** Counters of a sender since it was created. Every claim ends as exactly one of transmitted, expired, released, lostRaces or a claim error. */
export interface CommandSenderStats {
  readonly rounds: number;
  /** Commands leased by this sender. */
  readonly claims: number;
  /** TRANSMIT applied (then handed to the uplink). */
  readonly transmitted: number;
  /** Leases given back (window closed before the transmit delay ran out, or stop()). */
  readonly released: number;
  /** EXPIRE applied (`notAfter` passed before transmission). */
  readonly expired: number;
  /** Claims another writer changed first (a cancel, another sender); nothing was recorded for them. */
  readonly lostRaces: number;
  /** Transmitted commands the uplink refused or failed on (they end `failed`, `link_error`). */
  readonly linkErrors: number;
  /** TIMEOUT applied by the sender's timeout watcher. */
  readonly timeouts: number;
  /** Storage errors (rounds and claims retried later). */
  readonly errors: number;
  /** Claimed commands waiting for their transmit delay now. */
  readonly pending: number;
  /** Repository or uplink operations under way now. */
  readonly inFlight: number;
}

/** The command sender of SPEC §2; see {@link createCommandSender}. */
export interface CommandSender {
  readonly options: CommandSenderOptions;
  /** Starts rounds, wake-ups, the timeout watcher (with its start-up recovery) and, if set, the poll. */
  start(): void;
  /** New commands arrived (for one spacecraft, or unknown): claim what is due. Cheap; coalesced. */
  nudge(spacecraftId?: string): void;
  /** Chain to the event publisher: learns timeout deadlines and nudges on commands entering a queue. */
  observe(event: TransitionEvent): void;
  /** Drains: no new claims, waiting commands released, sends under way finished, watcher stopped. */
  stop(): Promise<void>;
  stats(): CommandSenderStats;
}

/**
 * Creates the command sender. A round (at most one at a time; a nudge during one causes one
 * more) asks which spacecraft have queued commands, claims for those in contact (priority,
 * then age, as the repository orders) and sets a wake-up at the next window of the others and
 * at the next `notBefore`. Each claim is expired at once if `notAfter` has passed, else waits a
 * uniform random 0..`transmitDelayMaxMs` whole ms; then, still in contact and not expired, it is
 * marked `transmitted` (one exact compare-and-set: a racing cancel either wins or loses, and a
 * lost TRANSMIT leaves no history) and only then handed to the uplink; a refusal or throw
 * applies LINK_ERROR. Out of contact by then, the lease is released until the next window.
 * Timeouts belong to a {@link createTimeoutWatcher} the sender owns and starts, fed by
 * {@link CommandSender.observe} and by its own transmissions. Without `pollIntervalMs` it sets
 * no timer but its wake-ups, transmit delays and deadlines.
 *
 * @example
 * const sender = createCommandSender({ service, repository, clock, random, uplink, contactPlan }, { owner: "host-1" });
 * publisher.subscribe(sender.observe);
 * sender.start();
 * // ...
 * await sender.stop();
 */
export function createCommandSender(
  deps: CommandSenderDeps,
  options: Partial<CommandSenderOptions> = {},
): CommandSender {
  const { service, repository, clock, random, uplink, contactPlan } = deps;
  const opts = resolveSenderOptions(options, random);
  const { owner, leaseMs, batchSize, maxPending, retryDelayMs } = opts;
  const statuses = service.lifecycle.queuedStatuses;
  const queued = new Set(statuses);
  // Refill in batches when capacity frees up, not one round per transmission.
  const refillLevel = maxPending - Math.min(batchSize, Math.ceil(maxPending / 2));
  const watcher = createTimeoutWatcher(
    { service, repository, clock },
    { batchSize, sweepIntervalMs: opts.pollIntervalMs, retryDelayMs },
  );

  const transmissions = new TransmitScheduler(
    { service, repository, clock, random, uplink, contactPlan, watcher },
    opts,
    {
      wakeAt: (at) => requestWake(at),
      freed: () => {
        if (starved && transmissions.pending <= refillLevel) {
          starved = false;
          requestRound();
        }
      },
    },
  );
  let running = false;
  let rounds: Promise<void> | null = null;
  let again = false;
  let starved = false;
  let wakeTimer: TimerHandle | null = null;
  let wakeAt = Number.POSITIVE_INFINITY;
  let pollTimer: TimerHandle | null = null;
  let roundCount = 0;
  let claims = 0;
  let roundErrors = 0;

  /** Runs a round now, or one more after the current one. `only`: claim for that spacecraft alone (see arrived). */
  function requestRound(only?: string): void {
    if (!running) return;
    if (rounds !== null) {
      again = true;
      return;
    }
    rounds = runRounds(only);
  }

  async function runRounds(only: string | undefined): Promise<void> {
    let target = only;
    try {
      do {
        again = false;
        try {
          if (target === undefined) await round();
          else await claimFor([target]);
        } catch {
          roundErrors++;
          requestWake(clock.now() + retryDelayMs);
        }
        target = undefined;
      } while (again && running);
    } finally {
      rounds = null;
    }
  }

  /** A full round: which spacecraft wait, which are in contact, claim for those, wake for the rest. */
  async function round(): Promise<void> {
    const now = clock.now();
    const spacecraft = await repository.spacecraftWithQueued(statuses);
    const inContact: string[] = [];
    for (const id of spacecraft) {
      const window = contactPlan.windowAt(id, now);
      if (window === null) continue;
      if (window.start <= now && now < window.end) inContact.push(id);
      else requestWake(window.start);
    }
    if (inContact.length > 0) await claimFor(inContact);
    else roundCount++;
    const next = await repository.nextNotBefore(statuses, clock.now());
    if (next !== null) requestWake(next);
  }

  /** Claims what is due for spacecraft in contact, up to the free capacity, and schedules each transmission. */
  async function claimFor(spacecraftIds: readonly string[]): Promise<void> {
    roundCount++;
    const capacity = maxPending - transmissions.pending;
    if (capacity <= 0) {
      starved = true;
      return;
    }
    const limit = Math.min(batchSize, capacity);
    const now = clock.now();
    const claimed = await repository.claim({ owner, now, leaseMs, limit, statuses, spacecraftIds });
    if (!running) {
      claims += claimed.length;
      await transmissions.releaseIds(claimed.map((c) => c.id));
      return;
    }
    for (const command of claimed) {
      // Only a lapsed lease of our own gives us a command we already hold: keep the first claim.
      if (transmissions.holds(command.id)) continue;
      claims++;
      transmissions.accept(command);
    }
    if (claimed.length === limit) {
      if (transmissions.pending < maxPending) again = true;
      else starved = true;
    }
  }

  function requestWake(at: Instant): void {
    const now = clock.now();
    // A wake-up at or before now would spin; rounds already run for what is due now.
    if (!running || at <= now || (wakeTimer !== null && wakeAt <= at)) return;
    if (wakeTimer !== null) clock.cancel(wakeTimer);
    wakeAt = at;
    wakeTimer = clock.schedule(at - now, () => {
      wakeTimer = null;
      wakeAt = Number.POSITIVE_INFINITY;
      requestRound();
    });
  }

  function schedulePoll(): void {
    if (!running || opts.pollIntervalMs <= 0) return;
    pollTimer = clock.schedule(opts.pollIntervalMs, () => {
      pollTimer = null;
      requestRound();
      schedulePoll();
    });
  }

  function nudge(spacecraftId?: string): void {
    if (!running) return;
    if (spacecraftId !== undefined) {
      const now = clock.now();
      const window = contactPlan.windowAt(spacecraftId, now);
      if (window === null) return;
      if (now < window.start) {
        requestWake(window.start);
        return;
      }
    }
    requestRound();
  }

  /**
   * A command entered a queue and we know it: wake at its notBefore or its next window, or
   * claim for its spacecraft alone. Nothing else changed since the last round, whose wake-ups
   * still stand, so one claim replaces a full round's three repository calls.
   */
  function arrived(command: Telecommand): void {
    if (!running) return;
    const now = clock.now();
    if (command.notBefore !== null && command.notBefore > now) {
      requestWake(command.notBefore);
      return;
    }
    const window = contactPlan.windowAt(command.spacecraftId, now);
    if (window === null) return;
    if (now < window.start) requestWake(window.start);
    else if (!starved) requestRound(command.spacecraftId);
  }

  return {
    options: opts,
    start() {
      if (running) return;
      running = true;
      watcher.start();
      schedulePoll();
      requestRound();
    },
    nudge,
    observe(event) {
      watcher.observe(event);
      const entry = event.entry;
      if (!entry.ignored && entry.from !== entry.to && queued.has(entry.to)) arrived(event.command);
    },
    async stop() {
      running = false;
      starved = false;
      for (const timer of [wakeTimer, pollTimer]) if (timer !== null) clock.cancel(timer);
      wakeTimer = null;
      pollTimer = null;
      wakeAt = Number.POSITIVE_INFINITY;
      await transmissions.releaseAll();
      if (rounds !== null) await rounds;
      await transmissions.drain();
      await watcher.stop();
    },
    stats() {
      const c = transmissions.counts;
      return {
        rounds: roundCount,
        claims,
        transmitted: c.transmitted,
        released: c.released,
        expired: c.expired,
        lostRaces: c.lostRaces,
        linkErrors: c.linkErrors,
        timeouts: watcher.stats().timeouts,
        errors: c.errors + roundErrors,
        pending: transmissions.pending,
        inFlight: transmissions.busy,
      };
    },
  };
}
