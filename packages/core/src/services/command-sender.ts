import { isPromiseLike, runTask, type Task, wait } from "../awaitable.js";
import { queueSends } from "../decisions/queue-decision.js";
import type { InhibitCatalog } from "../inhibits/inhibit-catalog.js";
import type { Clock, TimerHandle } from "../ports/clock.js";
import type { CommandStore } from "../ports/command-store.js";
import type { ContactPlan } from "../ports/contact-plan.js";
import type { DispatchQueue } from "../ports/dispatch-queue.js";
import type { Random } from "../ports/random.js";
import type { Uplink } from "../ports/uplink.js";
import type { QueueCatalog } from "../queues/queue-catalog.js";
import type { Instant, Telecommand, TransitionEvent } from "../types.js";
import { type CommandSenderOptions, resolveSenderOptions } from "./sender-options.js";
import type { TelecommandService } from "./telecommand-service.js";
import { createTimeoutWatcher } from "./timeout-watcher.js";
import { TransmitScheduler } from "./transmit-scheduler.js";

/** The ports a command sender works on. */
export interface CommandSenderDeps {
  readonly service: TelecommandService;
  /** The queue it claims from, and the reads its timeout watcher recovers deadlines with. */
  readonly repository: DispatchQueue & Pick<CommandStore, "get" | "list">;
  readonly clock: Clock;
  readonly random: Random;
  readonly uplink: Uplink;
  readonly contactPlan: ContactPlan;
  /**
   * The spacecraft's inhibits (SPEC §9): a claimed command whose name or category is inhibited
   * when its turn comes fails `inhibited`, unsent. Without it nothing is inhibited.
   */
  readonly inhibits?: InhibitCatalog | undefined;
  /**
   * The spacecraft's queue states (SPEC §10): nothing is claimed for, nor sent to, a spacecraft
   * whose queue is held or closed. Without it every queue is open.
   */
  readonly queues?: QueueCatalog | undefined;
}

/** Counters of a sender since it was created. Every claim ends as exactly one of transmitted, expired, inhibited, released, lostRaces, heldBack or a claim error. */
export interface CommandSenderStats {
  readonly rounds: number;
  /** Commands leased by this sender. */
  readonly claims: number;
  /** TRANSMIT applied (then handed to the uplink). */
  readonly transmitted: number;
  /** Leases given back (window closed before the transmit delay ran out, or stop()). */
  readonly released: number;
  /** EXPIRE applied to claimed commands (their `notAfter` had passed when their turn came). */
  readonly expired: number;
  /** INHIBIT applied to claimed commands (inhibited on their spacecraft when their turn came). */
  readonly inhibited: number;
  /** EXPIRE applied by the timeout watcher the instant a queued command's `notAfter` passed. */
  readonly expiredInQueue: number;
  /** Claims another writer changed first (a cancel, another sender); nothing was recorded for them. */
  readonly lostRaces: number;
  /** Claims an operator's hold took back while they waited out their transmit delay (SPEC §10). */
  readonly heldBack: number;
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
 * more) asks which spacecraft have queued commands, claims for those in contact (in dispatch
 * order, as the repository claims; of spacecraft no other sender holds) and sets a wake-up at
 * the next window of the others and at the next `notBefore`. Each claim is expired at once if
 * `notAfter` has passed, else waits a uniform random 0..`transmitDelayMaxMs` whole ms on its
 * spacecraft's line, behind the commands that come before it in dispatch order; then, still in
 * contact and not expired, it is marked `transmitted` (one exact compare-and-set: a racing
 * cancel either wins or loses, and a lost TRANSMIT leaves no history) and only then handed to
 * the uplink; a refusal or throw applies LINK_ERROR. Out of contact by then, the line's leases
 * are released until the next window (see {@link TransmitScheduler}). Timeouts and expiries
 * belong to a {@link createTimeoutWatcher} the sender owns and starts, fed by
 * {@link CommandSender.observe} and by its own transmissions. Without `pollIntervalMs` it sets
 * no timer but its wake-ups, transmit delays and deadlines, and one round once every lease a
 * crashed predecessor could have left has run out (`leaseMs` after start). On ports that answer
 * at once it runs synchronously: a nudge claims before it returns.
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
    {
      service,
      repository,
      clock,
      random,
      uplink,
      contactPlan,
      watcher,
      inhibits: deps.inhibits,
      queues: deps.queues,
    },
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
  let inRound = false;
  let rounds: Promise<void> | null = null;
  let again = false;
  let starved = false;
  let wakeTimer: TimerHandle | null = null;
  let wakeAt = Number.POSITIVE_INFINITY;
  let pollTimer: TimerHandle | null = null;
  let recoveryTimer: TimerHandle | null = null;
  let roundCount = 0;
  let claims = 0;
  let roundErrors = 0;

  /** Runs a round now, or one more after the current one. `only`: claim for that spacecraft alone (see arrived). */
  function requestRound(only?: string): void {
    if (!running) return;
    if (inRound) {
      again = true;
      return;
    }
    inRound = true;
    const work = runTask(runRounds(only));
    if (isPromiseLike(work)) rounds = Promise.resolve(work).finally(() => (rounds = null));
  }

  function* runRounds(only: string | undefined): Task<void> {
    let target = only;
    try {
      do {
        again = false;
        try {
          if (target === undefined) yield* round();
          else yield* claimFor([target]);
        } catch {
          roundErrors++;
          requestWake(clock.now() + retryDelayMs);
        }
        target = undefined;
      } while (again && running);
    } finally {
      inRound = false;
    }
  }

  /** A full round: which spacecraft wait, which are in contact, claim for those, wake for the rest. */
  function* round(): Task<void> {
    const now = clock.now();
    const spacecraft = yield* wait(repository.spacecraftWithQueued(statuses));
    const inContact: string[] = [];
    for (const id of spacecraft) {
      const window = contactPlan.windowAt(id, now);
      if (window === null) continue;
      if (window.start <= now && now < window.end) inContact.push(id);
      else requestWake(window.start);
    }
    if (inContact.length > 0) yield* claimFor(inContact);
    else roundCount++;
    const next = yield* wait(repository.nextNotBefore(statuses, clock.now()));
    if (next !== null) requestWake(next);
  }

  /** The spacecraft whose queues send (core's `queueSends`): all of them without queue states. */
  function* sending(spacecraftIds: readonly string[]): Task<readonly string[]> {
    const queues = deps.queues;
    if (queues === undefined) return spacecraftIds;
    const open: string[] = [];
    for (const id of spacecraftIds) if (queueSends(yield* wait(queues.current(id)))) open.push(id);
    return open;
  }

  /** Claims what is due for spacecraft in contact, up to the free capacity, and puts each on its line. */
  function* claimFor(candidates: readonly string[]): Task<void> {
    roundCount++;
    const spacecraftIds = yield* sending(candidates);
    if (spacecraftIds.length === 0) return;
    const capacity = maxPending - transmissions.pending;
    if (capacity <= 0) {
      starved = true;
      return;
    }
    const limit = Math.min(batchSize, capacity);
    const now = clock.now();
    const claimed = yield* wait(repository.claim({ owner, now, leaseMs, limit, statuses, spacecraftIds }));
    if (!running) {
      claims += claimed.length;
      yield* wait(transmissions.releaseIds(claimed.map((c) => c.id)));
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
      // Leases and spacecraft holds a crashed predecessor left have all run out by then: a
      // claim refused meanwhile (a spacecraft it held) is made again without waiting for a
      // poll. A timer of its own, which no other wake-up replaces.
      recoveryTimer = clock.schedule(leaseMs, () => {
        recoveryTimer = null;
        requestRound();
      });
    },
    nudge,
    observe(event) {
      watcher.observe(event);
      const entry = event.entry;
      // A held command leaves the sender's lines; a released one comes back as if new (SPEC §10).
      if (entry.kind === "hold") transmissions.left(entry.commandId, "held");
      else if (entry.kind === "release") arrived(event.command);
      if (entry.ignored || entry.from === entry.to) return;
      if (queued.has(entry.to)) arrived(event.command);
      else if (entry.from !== null && queued.has(entry.from)) transmissions.left(entry.commandId);
    },
    async stop() {
      running = false;
      starved = false;
      for (const timer of [wakeTimer, pollTimer, recoveryTimer]) if (timer !== null) clock.cancel(timer);
      wakeTimer = null;
      pollTimer = null;
      recoveryTimer = null;
      wakeAt = Number.POSITIVE_INFINITY;
      await transmissions.releaseAll();
      if (rounds !== null) await rounds;
      await transmissions.drain();
      await watcher.stop();
    },
    stats() {
      const c = transmissions.counts;
      const w = watcher.stats();
      return {
        rounds: roundCount,
        claims,
        transmitted: c.transmitted,
        released: c.released,
        expired: c.expired,
        inhibited: c.inhibited,
        expiredInQueue: w.expired,
        lostRaces: c.lostRaces,
        heldBack: c.heldBack,
        linkErrors: c.linkErrors,
        timeouts: w.timeouts,
        errors: c.errors + roundErrors,
        pending: transmissions.pending,
        inFlight: transmissions.busy,
      };
    },
  };
}
