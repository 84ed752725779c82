import type { CommandSenderOptions, ContactPlan, SeededRandom } from "@uplink/core";
import type { CommandColumns } from "./command-columns.js";
import type { DispatchQueues } from "./dispatch-queues.js";
import type { JobQueue } from "./job-queue.js";
import { EV_EXPIRE, EV_TRANSMIT, type LifecycleTable, NO_STEP } from "./lifecycle-table.js";
import type { SpacecraftLink } from "./spacecraft-link.js";
import { T_TRANSMIT, T_WAKE } from "./timer-kinds.js";
import type { TraceOut } from "./trace-out.js";

/** Job kinds of the sender: a round's continuation, and the uplink after a transmission. */
export const J_ROUNDS = 2;
export const J_UPLINK = 3;

// Where the sender's rounds resume (runRounds, round and claimFor of core's command sender).
const R_DIRECT_CLAIMED = 1;
const R_ROUND_LISTED = 2;
const R_ROUND_CLAIMED = 3;
const R_ROUND_AFTER_CLAIM = 4;
const R_ROUND_NEXT = 5;
const R_ITERATION_END = 6;

/** What the sender needs from the engine. */
export interface SenderHost {
  readonly now: number;
  readonly c: CommandColumns;
  readonly dispatch: DispatchQueues;
  readonly jobs: JobQueue;
  readonly out: TraceOut;
  readonly link: SpacecraftLink;
  schedule(delay: number, kind: number, a: number, b: number): number;
  /** Cancels a live timer (the heap skips it when it surfaces). */
  forgetTimer(): void;
  /** Stores a step the lifecycle allows, for {@link publish} to write next. */
  transition(n: number, ev: number, reason: string | null, source: "sender"): void;
  publish(n: number, deadline: number, version: number): void;
}

/**
 * Core's command sender (`createCommandSender` with its transmit scheduler) without promises:
 * rounds that claim for the spacecraft in contact in dispatch order and set wake-ups for the
 * others and the next `notBefore`, claims that expire at once or wait a random transmit delay,
 * then expire, release until the next window, or TRANSMIT as one exact compare-and-set and hand
 * the command to the spacecraft. Each `await` of a round is a {@link J_ROUNDS} job, so that its
 * steps interleave with the event's other continuations as they do in V8.
 */
export class FastSender {
  readonly counts = {
    rounds: 0,
    claims: 0,
    transmitted: 0,
    released: 0,
    expired: 0,
    lostRaces: 0,
    timeouts: 0,
  };
  /** Claimed commands waiting for their transmit delay. */
  pending = 0;
  private running = false;
  private roundsActive = false;
  private again = false;
  private starved = false;
  private wakeTimer = -1;
  private wakeAt = Number.POSITIVE_INFINITY;
  private roundTarget = -1;
  private roundLimit = 0;
  private readonly inContact: number[] = [];
  private readonly listed: number[] = [];
  private readonly refillLevel: number;

  constructor(
    private readonly h: SenderHost,
    private readonly t: LifecycleTable,
    private readonly plan: ContactPlan,
    private readonly spacecraftIds: readonly string[],
    private readonly options: CommandSenderOptions,
    private readonly random: SeededRandom,
  ) {
    const { maxPending, batchSize } = options;
    this.refillLevel = maxPending - Math.min(batchSize, Math.ceil(maxPending / 2));
  }

  /** The sender's start: its first round. */
  start(): void {
    this.running = true;
    this.requestRound(-1);
  }

  /** Whether `order` is the live wake-up timer (a popped one that is not was cancelled). */
  isWake(order: number): boolean {
    return order === this.wakeTimer;
  }

  /** The wake-up timer fired: a round. */
  wake(): void {
    this.wakeTimer = -1;
    this.wakeAt = Number.POSITIVE_INFINITY;
    this.requestRound(-1);
  }

  /** The sender's stop: no more rounds or wake-ups, waiting leases released. */
  stop(): void {
    this.running = false;
    this.starved = false;
    if (this.wakeTimer !== -1) this.h.forgetTimer();
    this.wakeTimer = -1;
    this.wakeAt = Number.POSITIVE_INFINITY;
    if (this.pending === 0) return;
    const c = this.h.c;
    this.counts.released += this.pending;
    for (let i = 0; i < c.count; i++) {
      if (c.waiting[i] === 1) {
        c.waiting[i] = 0;
        this.h.dispatch.release(i);
      }
    }
    this.pending = 0;
  }

  requestRound(only: number): void {
    if (!this.running) return;
    if (this.roundsActive) {
      this.again = true;
      return;
    }
    this.roundsActive = true;
    this.roundTarget = only;
    this.iterate();
  }

  /** One pass of runRounds' loop, up to its first await. */
  private iterate(): void {
    this.again = false;
    if (this.roundTarget >= 0) {
      this.inContact.length = 0;
      this.inContact.push(this.roundTarget);
      if (this.claimFor()) this.h.jobs.push(J_ROUNDS, R_DIRECT_CLAIMED, 0);
      else this.h.jobs.push(J_ROUNDS, R_ITERATION_END, 0);
      return;
    }
    this.h.dispatch.spacecraftWithQueued(this.listed);
    this.h.jobs.push(J_ROUNDS, R_ROUND_LISTED, 0);
  }

  /** claimFor up to its await: false when starved (it returned at once). */
  private claimFor(): boolean {
    this.counts.rounds++;
    const { maxPending, batchSize } = this.options;
    const capacity = maxPending - this.pending;
    if (capacity <= 0) {
      this.starved = true;
      return false;
    }
    this.roundLimit = Math.min(batchSize, capacity);
    this.h.dispatch.claim(this.h.now, this.roundLimit, this.inContact);
    const c = this.h.c;
    for (const n of this.h.dispatch.claimed) c.claimedVersion[n] = c.version[n] as number;
    return true;
  }

  /** claimFor after its await: each claimed command expires or waits for its transmit delay. */
  private accept(): void {
    const claimed = this.h.dispatch.claimed;
    const c = this.h.c;
    for (const n of claimed) {
      this.counts.claims++;
      const notAfter = c.notAfter[n] as number;
      if (!Number.isNaN(notAfter) && this.h.now > notAfter) {
        this.expire(n);
        continue;
      }
      const delay = Math.floor(this.random.next() * (this.options.transmitDelayMaxMs + 1));
      this.h.schedule(delay, T_TRANSMIT, n, 0);
      c.waiting[n] = 1;
      this.pending++;
    }
    if (claimed.length === this.roundLimit) {
      if (this.pending < this.options.maxPending) this.again = true;
      else this.starved = true;
    }
  }

  /** A round continuation (a {@link J_ROUNDS} job): `at` says where, `value` what it awaited. */
  resume(at: number, value: number): void {
    switch (at) {
      case R_DIRECT_CLAIMED:
        this.accept();
        this.h.jobs.push(J_ROUNDS, R_ITERATION_END, 0);
        return;
      case R_ROUND_LISTED: {
        const now = this.h.now;
        this.inContact.length = 0;
        for (const sc of this.listed) {
          const w = this.plan.windowAt(this.spacecraftIds[sc] as string, now);
          if (w === null) continue;
          if (w.start <= now && now < w.end) this.inContact.push(sc);
          else this.requestWake(w.start);
        }
        if (this.inContact.length > 0) {
          if (this.claimFor()) this.h.jobs.push(J_ROUNDS, R_ROUND_CLAIMED, 0);
          else this.h.jobs.push(J_ROUNDS, R_ROUND_AFTER_CLAIM, 0);
          return;
        }
        this.counts.rounds++;
        this.h.jobs.push(J_ROUNDS, R_ROUND_NEXT, this.h.dispatch.nextNotBefore(this.h.now));
        return;
      }
      case R_ROUND_CLAIMED:
        this.accept();
        this.h.jobs.push(J_ROUNDS, R_ROUND_AFTER_CLAIM, 0);
        return;
      case R_ROUND_AFTER_CLAIM:
        this.h.jobs.push(J_ROUNDS, R_ROUND_NEXT, this.h.dispatch.nextNotBefore(this.h.now));
        return;
      case R_ROUND_NEXT:
        if (!Number.isNaN(value)) this.requestWake(value);
        this.h.jobs.push(J_ROUNDS, R_ITERATION_END, 0);
        return;
      case R_ITERATION_END:
        this.roundTarget = -1;
        if (this.again && this.running) this.iterate();
        else this.roundsActive = false;
        return;
    }
  }

  private requestWake(at: number): void {
    const now = this.h.now;
    if (!this.running || at <= now || (this.wakeTimer !== -1 && this.wakeAt <= at)) return;
    if (this.wakeTimer !== -1) this.h.forgetTimer();
    this.wakeAt = at;
    this.wakeTimer = this.h.schedule(at - now, T_WAKE, 0, 0);
  }

  /** A command entered a queued status: wake at its notBefore or window, or claim for its spacecraft. */
  arrived(n: number): void {
    if (!this.running) return;
    const c = this.h.c;
    const now = this.h.now;
    const notBefore = c.notBefore[n] as number;
    if (!Number.isNaN(notBefore) && notBefore > now) {
      this.requestWake(notBefore);
      return;
    }
    const sc = c.spacecraft[n] as number;
    const w = this.plan.windowAt(this.spacecraftIds[sc] as string, now);
    if (w === null) return;
    if (now < w.start) this.requestWake(w.start);
    else if (!this.starved) this.requestRound(sc);
  }

  /** The transmit delay ran out: expire, release until the next window, or transmit. */
  fireTransmission(n: number): void {
    const c = this.h.c;
    if (c.waiting[n] !== 1) return;
    c.waiting[n] = 0;
    this.pending--;
    const now = this.h.now;
    const w = this.plan.windowAt(this.spacecraftIds[c.spacecraft[n] as number] as string, now);
    const notAfter = c.notAfter[n] as number;
    const notBefore = c.notBefore[n] as number;
    if (!Number.isNaN(notAfter) && now > notAfter) {
      this.expire(n);
    } else if (w === null || now < w.start || (!Number.isNaN(notBefore) && now < notBefore)) {
      this.h.dispatch.release(n);
      this.counts.released++;
      if (w !== null) this.requestWake(Math.max(w.start, !Number.isNaN(notBefore) ? notBefore : w.start));
    } else {
      this.transmit(n);
    }
    if (this.starved && this.pending <= this.refillLevel) {
      this.starved = false;
      this.requestRound(-1);
    }
  }

  /** Whether the exact compare-and-set on the claimed version would succeed. */
  private stillClaimed(n: number, ev: number): boolean {
    const c = this.h.c;
    return (
      c.version[n] === c.claimedVersion[n] &&
      c.status[n] === this.t.initial &&
      this.t.to[this.t.initial * this.t.eventTypes.length + ev] !== NO_STEP
    );
  }

  private expire(n: number): void {
    if (!this.stillClaimed(n, EV_EXPIRE)) {
      this.counts.lostRaces++;
      return;
    }
    this.counts.expired++;
    this.h.transition(n, EV_EXPIRE, "notAfter passed before transmission", "sender");
    this.h.publish(n, this.h.c.deadline[n] as number, this.h.c.version[n] as number);
  }

  private transmit(n: number): void {
    if (!this.stillClaimed(n, EV_TRANSMIT)) {
      this.counts.lostRaces++;
      return;
    }
    this.h.transition(n, EV_TRANSMIT, null, "sender");
    this.h.publish(n, this.h.c.deadline[n] as number, this.h.c.version[n] as number);
    // The sender resumes after the service's promise settles: a microtask later.
    this.h.jobs.push(J_UPLINK, n, 0);
  }

  /** After TRANSMIT is stored and published: the uplink (traced), and the spacecraft takes it. */
  uplink(n: number): void {
    this.counts.transmitted++;
    const spacecraftId = this.spacecraftIds[this.h.c.spacecraft[n] as number] as string;
    this.h.out.uplink(this.h.now, n, spacecraftId);
    this.h.link.receive(n);
  }
}
