import type { TransitionSource } from "@uplink/core";
import {
  type CommandSenderOptions,
  type ContactPlan,
  type FailureReason,
  type SeededRandom,
  type Timeouts,
  uuidV7,
  validateSubmission,
} from "@uplink/core";
import type { UnreliableDownlinkOptions } from "../downlink/unreliable-downlink.js";
import type { WorkloadOptions } from "../scenario/scenario-config.js";
import { NO_ARGS, UNKNOWN_NAMES, WORKLOAD_NAMES } from "../scenario/workload-names.js";
import { isKnown, type SimulatedSpacecraftOptions } from "../spacecraft/spacecraft-options.js";
import { CommandColumns } from "./command-columns.js";
import { DeadlineWatch } from "./deadline-watch.js";
import { DispatchQueues } from "./dispatch-queues.js";
import { DownlinkStreams } from "./downlink-streams.js";
import { EventHeap } from "./event-heap.js";
import { FastSender, J_ROUNDS, J_UPLINK } from "./fast-sender.js";
import { FRAME_ACCEPTED, FRAME_COMPLETED, FRAME_REJECTED, FrameColumns } from "./frame-columns.js";
import { JobQueue } from "./job-queue.js";
import {
  EV_ACCEPTED,
  EV_CANCEL,
  EV_COMPLETED,
  EV_COMPLETION_FAILED,
  EV_REJECTED,
  EV_TIMEOUT,
  type LifecycleTable,
  NO_STEP,
  TIMEOUT_ACCEPTANCE,
  TIMEOUT_EXECUTION,
} from "./lifecycle-table.js";
import { SpacecraftLink } from "./spacecraft-link.js";
import {
  T_ACK,
  T_CANCEL,
  T_COMPLETE,
  T_GAP,
  T_LINK,
  T_SUBMIT,
  T_TRANSMIT,
  T_WAKE,
  T_WATCH,
} from "./timer-kinds.js";
import type { TraceOut } from "./trace-out.js";

// Job kinds (continuations of the reference's promise chains).
const J_SUBMIT_THEN = 1;

/** Everything a fast run is made of, resolved and validated by the caller. */
export interface FastEngineSetup {
  readonly start: number;
  readonly durationMs: number;
  readonly commands: number;
  readonly spacecraft: readonly string[];
  readonly plan: ContactPlan;
  readonly table: LifecycleTable;
  readonly timeouts: Timeouts;
  readonly sender: CommandSenderOptions;
  readonly spacecraftOptions: SimulatedSpacecraftOptions;
  readonly link: UnreliableDownlinkOptions;
  readonly gapTimeoutMs: number;
  readonly maxBuffered: number;
  readonly workload: WorkloadOptions;
  /** Where the trace goes, given the run's command ids by index (filled as commands are submitted). */
  readonly out: (ids: readonly string[]) => TraceOut;
  /** The streams core's services would get, forked from the root in the builder's order. */
  readonly random: {
    readonly service: SeededRandom;
    readonly sender: SeededRandom;
    readonly spacecraft: SeededRandom;
    readonly link: SeededRandom;
    readonly workload: SeededRandom;
  };
}

/**
 * The simulator's fast engine: the same scenario as {@link runScenario}'s services engine —
 * the same workload, sender, spacecraft, link, downlink processor and timeout watcher, drawing
 * the same random streams in the same order and writing the same trace record for record —
 * as one synchronous discrete-event loop over typed arrays, with no promise, no object per
 * command and no repository. The reference runs each event's promise chains to completion
 * before the next event, so it is sequential too; where one event runs several chains at once
 * (the sender's rounds beside a submission or a transmission), a {@link JobQueue} replays
 * V8's order of their continuations. A property test proves both engines give the same trace
 * hash and summary over random scenarios.
 */
export class FastEngine {
  now: number;
  eventsRun = 0;
  submitted = 0;
  readonly c: CommandColumns;
  private readonly heap = new EventHeap();
  readonly jobs = new JobQueue();
  readonly dispatch: DispatchQueues;
  private readonly watch: DeadlineWatch;
  readonly streams: DownlinkStreams;
  private readonly frames: FrameColumns[] = [];
  private readonly t: LifecycleTable;
  readonly out: TraceOut;
  private readonly names: readonly string[] = [...WORKLOAD_NAMES, ...UNKNOWN_NAMES];
  private readonly rejectReason: string[];
  private nextEventId = 1;
  private readonly statusCounts: Int32Array;
  private readonly statusOrder: number[] = [];
  /** The history entry {@link transition} made last, until {@link publish} writes it. */
  private readonly entry = {
    from: 0,
    to: 0,
    seq: 0,
    eventId: 0,
    reason: null as string | null,
    source: "operator" as TransitionSource,
  };

  readonly sender: FastSender;
  readonly link: SpacecraftLink;

  constructor(private readonly s: FastEngineSetup) {
    this.now = s.start;
    this.t = s.table;
    this.c = new CommandColumns(s.commands);
    this.out = s.out(this.c.ids);
    this.dispatch = new DispatchQueues(this.c, s.spacecraft, s.commands);
    this.rejectReason = this.names.map((n) => `unknown command ${n}`);
    this.statusCounts = new Int32Array(this.t.statuses.length);
    for (let i = 0; i < s.spacecraft.length; i++) this.frames.push(new FrameColumns());
    this.watch = new DeadlineWatch(s.commands, {
      now: () => this.now,
      scheduleWatch: (delay) => this.schedule(delay, T_WATCH, 0, 0),
      cancelWatch: () => this.heap.forget(),
    });
    this.streams = new DownlinkStreams(
      this.frames,
      {
        now: () => this.now,
        apply: (sc, seq) => this.applyFrame(sc, seq),
        scheduleGap: (sc, delay) => this.schedule(delay, T_GAP, sc, 0),
        cancelGap: () => this.heap.forget(),
      },
      s.gapTimeoutMs,
      s.maxBuffered,
    );
    this.link = new SpacecraftLink(
      this,
      this.frames,
      s.spacecraft,
      this.names.map((n) => isKnown(s.spacecraftOptions.knownCommands, n)),
      s.spacecraftOptions,
      s.link,
      s.random.spacecraft,
      s.random.link,
    );
    this.sender = new FastSender(this, this.t, s.plan, s.spacecraft, s.sender, s.random.sender);
  }

  /** Timers scheduled and neither run nor cancelled. */
  get pendingTimers(): number {
    return this.heap.live;
  }

  /** Commands by status, in the order each status was first counted (as the repository's map). */
  countByStatus(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.statusOrder) {
      const n = this.statusCounts[s] as number;
      if (n > 0) out[this.t.statuses[s] as string] = n;
    }
    return out;
  }

  /** The workload's first timer, then the sender's start (its first round), as runScenario does. */
  start(): void {
    this.scheduleNextSubmission();
    this.watch.running = true;
    this.sender.start();
    this.runJobs();
  }

  /** Runs every event due at or before `target`, then moves time to `target`. */
  runUntil(target: number): void {
    const heap = this.heap;
    while (heap.peekTime() <= target) {
      heap.pop();
      if (!this.fire()) continue;
      this.link.deliver();
      this.runJobs();
    }
    if (target > this.now && target !== Number.POSITIVE_INFINITY) this.now = target;
  }

  /** The sender's, watcher's and processor's stop: waiting leases released, timers cancelled. */
  stop(): void {
    this.sender.stop();
    this.watch.stop();
    this.streams.stop();
  }

  /** Cancels a live timer: it stays in the heap and is skipped when it surfaces. */
  forgetTimer(): void {
    this.heap.forget();
  }

  /** Schedules a timer `delay` ms from now; returns its handle. */
  schedule(delay: number, kind: number, a: number, b: number): number {
    return this.heap.push(this.now + Math.max(delay, 0), kind, a, b);
  }

  /** Runs the popped event; false when it was a cancelled timer. */
  private fire(): boolean {
    const heap = this.heap;
    const order = heap.order;
    const a = heap.a;
    switch (heap.kind) {
      case T_WAKE:
        if (!this.sender.isWake(order)) return false;
        this.begin();
        this.sender.wake();
        return true;
      case T_WATCH:
        if (!this.watch.isLive(order)) return false;
        this.begin();
        this.watch.fire();
        this.checkDue();
        return true;
      case T_GAP:
        if (!this.streams.isLive(a, order)) return false;
        this.begin();
        this.streams.gapTimer(a);
        return true;
      default:
        break;
    }
    this.begin();
    switch (heap.kind) {
      case T_SUBMIT:
        this.submit();
        break;
      case T_CANCEL:
        this.cancel(a);
        break;
      case T_TRANSMIT:
        this.sender.fireTransmission(a);
        break;
      case T_ACK:
        this.link.acknowledge(a);
        break;
      case T_COMPLETE:
        this.link.complete(a);
        break;
      case T_LINK:
        this.link.arrive(a, heap.b);
        break;
    }
    return true;
  }

  private begin(): void {
    const at = this.heap.at;
    if (at > this.now) this.now = at;
    this.heap.live--;
    this.eventsRun++;
  }

  // --- Workload -------------------------------------------------------------------------

  private scheduleNextSubmission(): void {
    const { commands, start, durationMs } = this.s;
    if (this.submitted >= commands) return;
    const slot = durationMs / Math.max(commands, 1);
    const at = start + Math.floor((this.submitted + this.s.random.workload.next()) * slot);
    this.schedule(at - this.now, T_SUBMIT, 0, 0);
  }

  /** The workload's submitOne, then the service's submit up to its first await. */
  private submit(): void {
    const n = this.submitted++;
    const r = this.s.random.workload;
    const o = this.s.workload;
    const spacecraftIds = this.s.spacecraft;
    const unknown = r.next() < o.unknownRate;
    const name = unknown
      ? WORKLOAD_NAMES.length + (n % UNKNOWN_NAMES.length)
      : Math.floor(r.next() * WORKLOAD_NAMES.length);
    const sc = Math.floor(r.next() * spacecraftIds.length);
    const priority = Math.floor(r.next() * (2 * o.priorityRange + 1)) - o.priorityRange;
    const now = this.now;
    const notBefore = r.next() < o.notBeforeRate ? now + Math.floor(r.next() * o.windowMaxMs) : null;
    const notAfter =
      r.next() < o.notAfterRate ? (notBefore ?? now) + Math.floor(r.next() * o.windowMaxMs) : null;
    const cancelAfter = r.next() < o.cancelRate ? Math.floor(r.next() * (o.cancelDelayMaxMs + 1)) : -1;
    const valid = validateSubmission({
      name: this.names[name] as string,
      spacecraftId: spacecraftIds[sc] as string,
      args: NO_ARGS,
      priority,
      notBefore,
      notAfter,
    });
    const c = this.c;
    c.ids.push(uuidV7(now, this.s.random.service));
    c.count++;
    c.spacecraft[n] = sc;
    c.name[n] = name;
    c.priority[n] = valid.priority;
    c.createdAt[n] = now;
    c.notBefore[n] = valid.notBefore ?? Number.NaN;
    c.notAfter[n] = valid.notAfter ?? Number.NaN;
    c.status[n] = this.t.initial;
    c.failureReason[n] = 0;
    c.version[n] = 1;
    c.historyLength[n] = 1;
    c.deadline[n] = Number.NaN;
    c.cancelAfter[n] = cancelAfter;
    this.bump(this.t.initial, 1);
    if (this.t.queued[this.t.initial] === 1) this.dispatch.put(n);
    // Core's service stores and publishes within the call (the in-memory repository's writes
    // are immediate); the workload's `then` runs a microtask later, and only matters for a cancel.
    this.publishSubmission(n, this.nextEventId++);
    if (cancelAfter >= 0) this.jobs.push(J_SUBMIT_THEN, n, 0);
    this.scheduleNextSubmission();
  }

  /** The submission's publish: the trace, then the sender (its watcher, then arrivals). */
  private publishSubmission(n: number, eventId: number): void {
    const c = this.c;
    const now = this.now;
    this.out.submit(
      now,
      n,
      this.s.spacecraft[c.spacecraft[n] as number] as string,
      this.names[c.name[n] as number] as string,
      c.priority[n] as number,
      nullable(c.notBefore[n] as number),
      nullable(c.notAfter[n] as number),
    );
    const initial = this.t.statuses[this.t.initial] as string;
    this.out.transition(now, n, 1, eventId, null, initial, null, "operator", false, null);
    this.watch.track(n, Number.NaN, 1);
    if (this.t.queued[this.t.initial] === 1) this.sender.arrived(n);
  }

  private cancel(n: number): void {
    const c = this.c;
    const status = c.status[n] as number;
    const k = status * this.t.eventTypes.length + EV_CANCEL;
    if (this.t.to[k] === NO_STEP) {
      this.out.cancel(this.now, n, false, this.t.statuses[status] as string);
      return;
    }
    this.transition(n, EV_CANCEL, "cancelled by operator", "operator");
    this.publish(n, c.deadline[n] as number, c.version[n] as number);
    this.out.cancel(this.now, n, true, this.t.statuses[c.status[n] as number] as string);
  }

  // --- Lifecycle --------------------------------------------------------------------------

  private bump(status: number, by: number): void {
    const count = this.statusCounts[status] as number;
    if (count === 0 && !this.statusOrder.includes(status)) this.statusOrder.push(status);
    this.statusCounts[status] = count + by;
  }

  /**
   * Applies a step the lifecycle allows (the caller checked): the repository's compare-and-set
   * and history entry, which {@link publish} writes to the trace next.
   */
  transition(
    n: number,
    ev: number,
    eventReason: string | null,
    source: "operator" | "sender" | "spacecraft" | "timeout",
  ): void {
    const c = this.c;
    const t = this.t;
    const from = c.status[n] as number;
    const k = from * t.eventTypes.length + ev;
    const to = t.to[k] as number;
    const setReason = t.failureReasonOf[k] as number;
    if (setReason >= 0) c.failureReason[n] = setReason;
    c.status[n] = to;
    c.version[n] = (c.version[n] as number) + 1;
    const seq = (c.historyLength[n] as number) + 1;
    c.historyLength[n] = seq;
    const timeout = t.timeoutOf[to];
    c.deadline[n] =
      timeout === TIMEOUT_ACCEPTANCE
        ? this.now + this.s.timeouts.acceptanceMs
        : timeout === TIMEOUT_EXECUTION
          ? this.now + this.s.timeouts.executionMs
          : Number.NaN;
    this.bump(from, -1);
    this.bump(to, 1);
    if (t.queued[to] === 1) this.dispatch.put(n);
    else this.dispatch.remove(n);
    const e = this.entry;
    e.from = from;
    e.to = to;
    e.seq = seq;
    e.eventId = this.nextEventId++;
    e.reason = eventReason ?? (t.note[k] as string | null);
    e.source = source;
  }

  /** The publisher's listeners for the entry {@link transition} made: the trace, then the sender (its watcher, then arrivals). */
  publish(n: number, deadline: number, version: number): void {
    const e = this.entry;
    const t = this.t;
    this.out.transition(
      this.now,
      n,
      e.seq,
      e.eventId,
      t.statuses[e.from] as string,
      t.statuses[e.to] as string,
      e.reason,
      e.source,
      false,
      t.failureReasons[this.c.failureReason[n] as number] as FailureReason | null,
    );
    this.watch.track(n, deadline, version);
    if (t.queued[this.c.status[n] as number] === 1 && e.from !== e.to) this.sender.arrived(n);
  }

  /** A report or a non-exact event: applied, or recorded as ignored. */
  private applyEvent(n: number, ev: number, eventReason: string | null, source: "spacecraft"): void {
    const c = this.c;
    const status = c.status[n] as number;
    if (this.t.to[status * this.t.eventTypes.length + ev] === NO_STEP) {
      const seq = (c.historyLength[n] as number) + 1;
      c.historyLength[n] = seq;
      const type = this.t.eventTypes[ev] as string;
      const statusName = this.t.statuses[status] as string;
      this.out.transition(
        this.now,
        n,
        seq,
        this.nextEventId++,
        statusName,
        statusName,
        `${type} ignored in ${statusName}${eventReason ? ` (${eventReason})` : ""}`,
        source,
        true,
        this.t.failureReasons[c.failureReason[n] as number] as FailureReason | null,
      );
      return;
    }
    this.transition(n, ev, eventReason, source);
    this.publish(n, c.deadline[n] as number, c.version[n] as number);
  }

  private runJobs(): void {
    const jobs = this.jobs;
    while (jobs.take()) {
      const n = jobs.a;
      switch (jobs.kind) {
        case J_SUBMIT_THEN: {
          const after = this.c.cancelAfter[n] as number;
          if (after >= 0) this.schedule(after, T_CANCEL, n, 0);
          break;
        }
        case J_UPLINK:
          this.sender.uplink(n);
          break;
        case J_ROUNDS:
          this.sender.resume(n, jobs.b);
          break;
      }
    }
  }

  // --- The ground side of the downlink ------------------------------------------------

  /** A report frame taken in sequence becomes its lifecycle event (core's default mapping). */
  private applyFrame(sc: number, seq: number): void {
    const f = this.frames[sc] as FrameColumns;
    const n = f.command[seq] as number;
    switch (f.kind[seq]) {
      case FRAME_ACCEPTED:
        this.applyEvent(n, EV_ACCEPTED, null, "spacecraft");
        return;
      case FRAME_REJECTED:
        this.applyEvent(n, EV_REJECTED, this.rejectReason[this.c.name[n] as number] as string, "spacecraft");
        return;
      case FRAME_COMPLETED:
        this.applyEvent(n, EV_COMPLETED, null, "spacecraft");
        return;
      default:
        this.applyEvent(n, EV_COMPLETION_FAILED, "execution failed on board", "spacecraft");
    }
  }

  // --- The timeout watcher ----------------------------------------------------------------

  /** Checks the commands the watcher found due, one after another, as core's `check` does. */
  private checkDue(): void {
    const c = this.c;
    for (const n of this.watch.due) {
      const deadline = c.deadline[n] as number;
      if (Number.isNaN(deadline)) continue;
      if (deadline > this.now) {
        this.watch.track(n, deadline, c.version[n] as number);
        continue;
      }
      const status = c.status[n] as number;
      if (this.t.to[status * this.t.eventTypes.length + EV_TIMEOUT] === NO_STEP) continue;
      this.transition(n, EV_TIMEOUT, null, "timeout");
      this.publish(n, c.deadline[n] as number, c.version[n] as number);
      this.sender.counts.timeouts++;
    }
  }
}

function nullable(at: number): number | null {
  return !Number.isNaN(at) ? at : null;
}
