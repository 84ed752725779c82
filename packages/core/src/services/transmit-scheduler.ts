import { type Awaitable, isPromiseLike } from "../awaitable.js";
import { hasExpired } from "../decisions/deadlines.js";
import type { InhibitSet } from "../decisions/inhibit-decision.js";
import { queueSends } from "../decisions/queue-decision.js";
import { decideTransmission, transmitDelay } from "../decisions/transmit-decision.js";
import type { LifecycleEvent } from "../lifecycle/lifecycle-definition.js";
import type { UplinkResult } from "../ports/uplink.js";
import type { QueueState } from "../queues/queue-states.js";
import type { Instant, Telecommand } from "../types.js";
import type { CommandSenderDeps } from "./command-sender.js";
import { ReleaseLine, type Waiting } from "./release-line.js";
import type { CommandSenderOptions } from "./sender-options.js";
import type { ApplyResult } from "./telecommand-service.js";
import type { TimeoutWatcher } from "./timeout-watcher.js";

/** The ports a transmit scheduler works on: the sender's, and the sender's timeout watcher. */
export interface TransmitSchedulerDeps extends CommandSenderDeps {
  readonly watcher: TimeoutWatcher;
}

/** How the scheduler talks back to its sender. */
export interface TransmitSchedulerHooks {
  /** A round is needed at `at` (a released command's next window, or a retry). */
  wakeAt(at: Instant): void;
  /** A waiting command left, freeing capacity. */
  freed(): void;
}

/** The outcomes of claims, counted. */
export interface TransmitCounts {
  transmitted: number;
  released: number;
  expired: number;
  inhibited: number;
  lostRaces: number;
  heldBack: number;
  linkErrors: number;
  errors: number;
}

const TRANSMIT: LifecycleEvent = { type: "TRANSMIT" };
const EXPIRE: LifecycleEvent = { type: "EXPIRE", reason: "notAfter passed before transmission" };
const INHIBIT: LifecycleEvent = {
  type: "INHIBIT",
  reason: "inhibited on its spacecraft before transmission",
};
const EXACT = { exact: true } as const;

/**
 * What happens to each command a sender claimed, until it has an outcome. A command whose
 * `notAfter` has passed is expired at once; the others wait on their spacecraft's
 * {@link ReleaseLine}, in the order claimed, each with a transmit delay drawn when it was
 * claimed (core's `transmitDelay`). A line lets its first command go once that delay has
 * ended, then the next, so commands leave in dispatch order. When one's turn comes, core's `decideTransmission`
 * says: expire it; send it (TRANSMIT as one exact compare-and-set on the claimed version,
 * then the uplink, then LINK_ERROR on a refusal or a throw); or, out of contact, give the
 * whole line's leases back until the next window. A command that leaves the queue some other
 * way (a cancel, the timeout watcher's expiry) is dropped from its line as soon as the sender
 * observes it. Internal to the command sender; synchronous on ports that answer at once.
 */
export class TransmitScheduler {
  readonly counts: TransmitCounts = {
    transmitted: 0,
    released: 0,
    expired: 0,
    inhibited: 0,
    lostRaces: 0,
    heldBack: 0,
    linkErrors: 0,
    errors: 0,
  };
  private readonly lines = new Map<string, ReleaseLine>();
  private readonly byId = new Map<string, Waiting>();
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly deps: TransmitSchedulerDeps,
    private readonly options: CommandSenderOptions,
    private readonly hooks: TransmitSchedulerHooks,
  ) {}

  /** Claimed commands waiting for their turn. */
  get pending(): number {
    return this.byId.size;
  }

  /** Repository or uplink operations under way. */
  get busy(): number {
    return this.inFlight;
  }

  holds(id: string): boolean {
    return this.byId.has(id);
  }

  /** Takes a freshly claimed command: expires it now or puts it on its spacecraft's line. */
  accept(command: Telecommand): void {
    const { clock, random } = this.deps;
    const now = clock.now();
    if (hasExpired(command.notAfter, now)) {
      this.track(this.continueWith(this.expire(command), () => undefined));
      return;
    }
    const line = this.lineOf(command.spacecraftId);
    const waiting: Waiting = {
      command,
      line,
      readyAt: now + transmitDelay(random, this.options.transmitDelayMaxMs),
      gone: false,
    };
    line.push(waiting);
    this.byId.set(command.id, waiting);
    if (line.peek() === waiting) this.arm(line);
  }

  /**
   * A command left the queued statuses (observed from a published transition), or an operator
   * held it (`held`): if it waits here, it is dropped, counted as a race lost to whoever moved
   * it, or as taken back by a hold (no race: the operator meant it, and it comes back on release).
   */
  left(id: string, why: "moved" | "held" = "moved"): void {
    const waiting = this.byId.get(id);
    if (waiting === undefined) return;
    this.byId.delete(id);
    waiting.gone = true;
    if (why === "held") this.counts.heldBack++;
    else this.counts.lostRaces++;
    this.arm(waiting.line);
    this.hooks.freed();
  }

  /** Cancels every line's timer and gives every lease (and spacecraft hold) of the sender back. */
  async releaseAll(): Promise<void> {
    for (const line of this.lines.values()) {
      if (line.timer !== null) this.deps.clock.cancel(line.timer);
      line.timer = null;
      line.timerAt = Number.POSITIVE_INFINITY;
      line.clear();
    }
    const count = this.byId.size;
    this.byId.clear();
    try {
      await this.deps.repository.release(this.options.owner);
      this.counts.released += count;
    } catch {
      this.counts.errors++;
    }
  }

  /** Gives leases back (claims that arrived after stop()). */
  async releaseIds(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.deps.repository.release(this.options.owner, ids);
      this.counts.released += ids.length;
    } catch {
      this.counts.errors++;
    }
  }

  /** Resolves when no operation is under way. */
  async drain(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private lineOf(spacecraftId: string): ReleaseLine {
    let line = this.lines.get(spacecraftId);
    if (line === undefined) {
      line = new ReleaseLine(spacecraftId);
      this.lines.set(spacecraftId, line);
    }
    return line;
  }

  /** Drops gone commands from the front and sets the line's timer for the first one's turn. */
  private arm(line: ReleaseLine): void {
    let first = line.peek();
    while (first?.gone) {
      line.pop();
      first = line.peek();
    }
    if (first === undefined || line.busy || (line.timer !== null && line.timerAt <= first.readyAt)) return;
    const { clock } = this.deps;
    if (line.timer !== null) clock.cancel(line.timer);
    line.timerAt = first.readyAt;
    line.timer = clock.schedule(Math.max(0, first.readyAt - clock.now()), () => {
      line.timer = null;
      line.timerAt = Number.POSITIVE_INFINITY;
      this.advance(line);
    });
  }

  /**
   * Lets the line's commands whose turn has come go, in order: their storage work (TRANSMIT or
   * EXPIRE) starts at once, for all of them together, and each transmitted one is handed to the
   * uplink after the one before it. With ports that promise, the line waits for that before
   * letting more go; with ports that answer at once, all of it is done on return.
   */
  private advance(line: ReleaseLine): void {
    if (line.busy) return;
    const { clock, contactPlan } = this.deps;
    const now = clock.now();
    const window = contactPlan.windowAt(line.spacecraftId, now);
    const inhibits = this.inhibitsOf(line);
    if (inhibits === undefined) return;
    const queue = this.queueOf(line);
    if (queue === undefined) return;
    if (!queueSends(queue)) {
      // Held or closed (SPEC §10): the line goes back to the queue until it opens (a nudge).
      this.releaseLine(line, null);
      return;
    }
    // Filled only once storage answers with a promise: the commands after it wait for it.
    let leaving: Telecommand[] | null = null;
    let work: Awaitable<ApplyResult | null>[] | null = null;
    let left = false;
    for (let first = line.peek(); first !== undefined; first = line.peek()) {
      if (first.gone) {
        line.pop();
        continue;
      }
      if (first.readyAt > now) break;
      const command = first.command;
      const decision = decideTransmission(command, now, window, inhibits);
      if (decision.kind === "wait") {
        this.releaseLine(line, decision.until);
        break;
      }
      line.pop();
      this.byId.delete(command.id);
      left = true;
      const started =
        decision.kind === "expire"
          ? this.expire(command)
          : decision.kind === "inhibit"
            ? this.fail(command, INHIBIT)
            : this.mark(command);
      if (leaving === null && !isPromiseLike(started)) {
        this.track(this.handOver(command, started));
        continue;
      }
      leaving ??= [];
      work ??= [];
      leaving.push(command);
      work.push(started);
    }
    if (left) this.hooks.freed();
    if (leaving !== null && work !== null) {
      line.busy = true;
      this.track(this.leaveInTurn(line, leaving, work));
      return;
    }
    this.arm(line);
  }

  /**
   * The line's spacecraft's inhibits (null without an inhibit catalog); undefined while they
   * are read again, the line waiting for them, since a command must not leave before its
   * spacecraft's current inhibits are known. A failed read releases the line until later.
   */
  private inhibitsOf(line: ReleaseLine): InhibitSet | null | undefined {
    const catalog = this.deps.inhibits;
    if (catalog === undefined) return null;
    return this.readFor(line, () => catalog.current(line.spacecraftId));
  }

  /** The line's spacecraft's queue state (`open` without queue states), read as {@link inhibitsOf} reads inhibits. */
  private queueOf(line: ReleaseLine): QueueState | undefined {
    const catalog = this.deps.queues;
    if (catalog === undefined) return "open";
    return this.readFor(line, () => catalog.current(line.spacecraftId));
  }

  /** A value the line needs before its commands go: at once, or undefined while the line waits for it. */
  private readFor<T>(line: ReleaseLine, read: () => Awaitable<T>): T | undefined {
    let current: Awaitable<T>;
    try {
      current = read();
    } catch {
      this.releaseLine(line, this.deps.clock.now() + this.options.retryDelayMs);
      return undefined;
    }
    if (!isPromiseLike(current)) return current;
    line.busy = true;
    this.track(
      Promise.resolve(current).then(
        () => {
          line.busy = false;
          this.advance(line);
        },
        () => {
          line.busy = false;
          this.releaseLine(line, this.deps.clock.now() + this.options.retryDelayMs);
        },
      ),
    );
    return undefined;
  }

  /** {@link advance}'s hand-over once storage answers with promises: in line order, then the line goes on. */
  private async leaveInTurn(
    line: ReleaseLine,
    leaving: readonly Telecommand[],
    work: readonly Awaitable<ApplyResult | null>[],
  ): Promise<void> {
    try {
      for (let i = 0; i < leaving.length; i++) {
        this.track(this.handOver(leaving[i] as Telecommand, (await work[i]) ?? null));
      }
    } finally {
      line.busy = false;
      this.advance(line);
    }
  }

  /** Out of contact: every command on the line goes back to the queue until the next window. */
  private releaseLine(line: ReleaseLine, until: Instant | null): void {
    const ids: string[] = [];
    for (let w = line.pop(); w !== undefined; w = line.pop()) {
      if (w.gone) continue;
      ids.push(w.command.id);
      this.byId.delete(w.command.id);
    }
    this.track(this.release(ids));
    if (until !== null) this.hooks.wakeAt(until);
    this.hooks.freed();
  }

  /** TRANSMIT, as one exact compare-and-set on the claimed version; null after a storage error. */
  private mark(command: Telecommand): Awaitable<ApplyResult | null> {
    return this.guarded(command, TRANSMIT);
  }

  /** A marked command goes to the uplink (LINK_ERROR if refused); a lost one frees its lease. */
  private handOver(command: Telecommand, result: ApplyResult | null): Awaitable<void> {
    if (result === null) return;
    if (result.kind !== "applied") {
      this.lost(command, result.kind === "ignored" ? result.command : null);
      return;
    }
    this.counts.transmitted++;
    this.deps.watcher.track(result.command);
    const sent = this.send(command);
    // Accepted at once (every simulated transmission): no continuation to build.
    if (!isPromiseLike(sent) && sent.ok) return;
    return this.continueWith(sent, (answer) => this.refused(command, result.command, answer));
  }

  /** LINK_ERROR for a transmission the uplink refused (nothing for one it took). */
  private refused(command: Telecommand, transmitted: Telecommand, sent: UplinkResult): Awaitable<void> {
    if (sent.ok) return;
    this.counts.linkErrors++;
    return this.continueWith(
      this.deps.service.apply(command.id, { type: "LINK_ERROR", reason: sent.reason }, "sender", transmitted),
      () => undefined,
    );
  }

  /** Hands a transmitted command to the uplink; a throw (or rejection) is a refusal. */
  private send(command: Telecommand): Awaitable<UplinkResult> {
    const { id, spacecraftId, name, args } = command;
    let sent: Awaitable<UplinkResult>;
    try {
      sent = this.deps.uplink.send({ id, spacecraftId, name, args });
    } catch (error) {
      return refusal(error);
    }
    return isPromiseLike(sent) ? Promise.resolve(sent).catch(refusal) : sent;
  }

  private expire(command: Telecommand): Awaitable<null> {
    return this.fail(command, EXPIRE);
  }

  /** EXPIRE or INHIBIT, as one exact compare-and-set on the claimed version; never sent. */
  private fail(command: Telecommand, event: LifecycleEvent): Awaitable<null> {
    return this.continueWith(this.guarded(command, event), (result) => {
      if (result === null) return null;
      if (result.kind === "applied") {
        if (event === INHIBIT) this.counts.inhibited++;
        else this.counts.expired++;
      } else this.lost(command, result.kind === "ignored" ? result.command : null);
      return null;
    });
  }

  /**
   * Applies `event` to a claimed command, as one exact compare-and-set on the claimed version;
   * after an error, gives its lease back, retries later and answers null.
   */
  private guarded(command: Telecommand, event: LifecycleEvent): Awaitable<ApplyResult | null> {
    this.inFlight++;
    let result: Awaitable<ApplyResult>;
    try {
      result = this.deps.service.apply(command.id, event, "sender", command, EXACT);
    } catch {
      this.done();
      return this.failed(command);
    }
    if (!isPromiseLike(result)) {
      this.done();
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        this.done();
        return value;
      },
      () => {
        this.done();
        return this.failed(command);
      },
    );
  }

  private failed(command: Telecommand): Awaitable<null> {
    this.counts.errors++;
    return this.continueWith(this.releaseAfterError(command), () => null);
  }

  /** Continues with a result at once when it is ready, with a promise of it otherwise. */
  private continueWith<T, R>(value: Awaitable<T>, next: (value: T) => Awaitable<R>): Awaitable<R> {
    return isPromiseLike(value) ? Promise.resolve(value).then(next) : next(value);
  }

  /** Another writer moved the command first; if nothing moved, the lifecycle refused the event: free the lease. */
  private lost(command: Telecommand, current: Telecommand | null): void {
    this.counts.lostRaces++;
    if (current !== null && current.version === command.version) {
      this.track(this.release([command.id]));
    }
  }

  private release(ids: readonly string[]): Awaitable<void> {
    if (ids.length === 0) return;
    const { repository, clock } = this.deps;
    const onError = (): void => {
      this.counts.errors++;
      this.hooks.wakeAt(clock.now() + this.options.leaseMs);
    };
    try {
      const released = repository.release(this.options.owner, ids);
      if (!isPromiseLike(released)) {
        this.counts.released += ids.length;
        return;
      }
      return Promise.resolve(released).then(() => {
        this.counts.released += ids.length;
      }, onError);
    } catch {
      onError();
    }
  }

  /** After a storage error the command may still be queued under our lease: free it and retry later. */
  private releaseAfterError(command: Telecommand): Awaitable<void> {
    const { clock, repository } = this.deps;
    const retry = (): void => this.hooks.wakeAt(clock.now() + this.options.retryDelayMs);
    const lapse = (): void => this.hooks.wakeAt(clock.now() + this.options.leaseMs);
    try {
      const released = repository.release(this.options.owner, [command.id]);
      if (!isPromiseLike(released)) return retry();
      return Promise.resolve(released).then(retry, lapse);
    } catch {
      lapse();
    }
  }

  /** Counts asynchronous work so that {@link drain} can wait for it. */
  private track(work: Awaitable<void>): void {
    if (!isPromiseLike(work)) return;
    this.inFlight++;
    Promise.resolve(work)
      .catch(() => {
        this.counts.errors++;
      })
      .finally(() => this.done());
  }

  private done(): void {
    this.inFlight--;
    if (this.inFlight === 0 && this.idle.length > 0) {
      const resolved = this.idle;
      this.idle = [];
      for (const resolve of resolved) resolve();
    }
  }
}

function refusal(error: unknown): UplinkResult {
  return { ok: false, reason: error instanceof Error ? error.message : String(error) };
}
