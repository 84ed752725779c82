import type { LifecycleEvent } from "../lifecycle/lifecycle-definition.js";
import type { TimerHandle } from "../ports/clock.js";
import type { UplinkResult } from "../ports/uplink.js";
import type { Instant, Telecommand } from "../types.js";
import type { CommandSenderDeps } from "./command-sender.js";
import type { CommandSenderOptions } from "./sender-options.js";
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
  lostRaces: number;
  linkErrors: number;
  errors: number;
}

interface Waiting {
  readonly command: Telecommand;
  timer: TimerHandle;
}

const TRANSMIT: LifecycleEvent = { type: "TRANSMIT" };
const EXPIRE: LifecycleEvent = { type: "EXPIRE", reason: "notAfter passed before transmission" };
const EXACT = { exact: true } as const;

/**
 * What happens to each command a sender claimed, until it has an outcome: expired at once if
 * `notAfter` has passed; else a timer at a uniform random 0..`transmitDelayMaxMs` whole ms;
 * when it fires, expired (`notAfter` passed), released (out of contact: it waits for the next
 * window) or transmitted: TRANSMIT as one exact compare-and-set on the claimed version, then
 * the uplink, then LINK_ERROR on a refusal or a throw. Internal to the command sender.
 */
export class TransmitScheduler {
  readonly counts: TransmitCounts = {
    transmitted: 0,
    released: 0,
    expired: 0,
    lostRaces: 0,
    linkErrors: 0,
    errors: 0,
  };
  private readonly waiting = new Map<string, Waiting>();
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly deps: TransmitSchedulerDeps,
    private readonly options: CommandSenderOptions,
    private readonly hooks: TransmitSchedulerHooks,
  ) {}

  /** Claimed commands waiting for their transmit delay. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Repository or uplink operations under way. */
  get busy(): number {
    return this.inFlight;
  }

  holds(id: string): boolean {
    return this.waiting.has(id);
  }

  /** Takes a freshly claimed command: expires it now or schedules its transmission. */
  accept(command: Telecommand): void {
    const { clock, random } = this.deps;
    if (command.notAfter !== null && clock.now() > command.notAfter) {
      void this.expire(command);
      return;
    }
    const delay = Math.floor(random.next() * (this.options.transmitDelayMaxMs + 1));
    const entry: Waiting = { command, timer: null };
    entry.timer = clock.schedule(delay, () => this.fire(entry));
    this.waiting.set(command.id, entry);
  }

  /** Cancels every waiting transmission and gives its lease back. */
  async releaseAll(): Promise<void> {
    const ids: string[] = [];
    for (const entry of this.waiting.values()) {
      this.deps.clock.cancel(entry.timer);
      ids.push(entry.command.id);
    }
    this.waiting.clear();
    await this.releaseIds(ids);
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

  private fire(entry: Waiting): void {
    const command = entry.command;
    if (this.waiting.get(command.id) !== entry) return;
    this.waiting.delete(command.id);
    const now = this.deps.clock.now();
    const window = this.deps.contactPlan.windowAt(command.spacecraftId, now);
    if (command.notAfter !== null && now > command.notAfter) {
      void this.expire(command);
    } else if (
      window === null ||
      now < window.start ||
      (command.notBefore !== null && now < command.notBefore)
    ) {
      void this.release(command);
      if (window !== null) this.hooks.wakeAt(Math.max(window.start, command.notBefore ?? window.start));
    } else {
      void this.transmit(command);
    }
    this.hooks.freed();
  }

  private async transmit(command: Telecommand): Promise<void> {
    const { service, uplink, watcher } = this.deps;
    this.inFlight++;
    try {
      const result = await service.apply(command.id, TRANSMIT, "sender", command, EXACT);
      if (result.kind !== "applied") {
        this.lost(command, result.kind === "ignored" ? result.command : null);
        return;
      }
      this.counts.transmitted++;
      watcher.track(result.command);
      let sent: UplinkResult;
      try {
        const { id, spacecraftId, name, args } = command;
        sent = await uplink.send({ id, spacecraftId, name, args });
      } catch (error) {
        sent = { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
      if (!sent.ok) {
        this.counts.linkErrors++;
        await service.apply(
          command.id,
          { type: "LINK_ERROR", reason: sent.reason },
          "sender",
          result.command,
        );
      }
    } catch {
      this.counts.errors++;
      await this.releaseAfterError(command);
    } finally {
      this.done();
    }
  }

  private async expire(command: Telecommand): Promise<void> {
    this.inFlight++;
    try {
      const result = await this.deps.service.apply(command.id, EXPIRE, "sender", command, EXACT);
      if (result.kind === "applied") this.counts.expired++;
      else this.lost(command, result.kind === "ignored" ? result.command : null);
    } catch {
      this.counts.errors++;
      await this.releaseAfterError(command);
    } finally {
      this.done();
    }
  }

  /** Another writer moved the command first; if nothing moved, the lifecycle refused the event: free the lease. */
  private lost(command: Telecommand, current: Telecommand | null): void {
    this.counts.lostRaces++;
    if (current !== null && current.version === command.version) {
      this.deps.repository.release(this.options.owner, [command.id]).catch(() => {});
    }
  }

  private async release(command: Telecommand): Promise<void> {
    this.inFlight++;
    try {
      await this.deps.repository.release(this.options.owner, [command.id]);
      this.counts.released++;
    } catch {
      this.counts.errors++;
      this.hooks.wakeAt(this.deps.clock.now() + this.options.leaseMs);
    } finally {
      this.done();
    }
  }

  /** After a storage error the command may still be queued under our lease: free it and retry later. */
  private async releaseAfterError(command: Telecommand): Promise<void> {
    const { clock, repository } = this.deps;
    try {
      await repository.release(this.options.owner, [command.id]);
      this.hooks.wakeAt(clock.now() + this.options.retryDelayMs);
    } catch {
      this.hooks.wakeAt(clock.now() + this.options.leaseMs);
    }
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
