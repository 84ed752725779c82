import { type Awaitable, isPromiseLike, runTask, type Task, wait } from "../awaitable.js";
import { deadlineEventOf } from "../decisions/deadlines.js";
import type { LifecycleEvent } from "../lifecycle/lifecycle-definition.js";
import type { Clock, TimerHandle } from "../ports/clock.js";
import type { CommandStore } from "../ports/command-store.js";
import type { DispatchQueue } from "../ports/dispatch-queue.js";
import type { Instant, Page, Telecommand, TransitionEvent } from "../types.js";
import { DeadlineQueue } from "./deadline-queue.js";
import { DEFAULT_SENDER_OPTIONS } from "./sender-options.js";
import type { ApplyResult, TelecommandService } from "./telecommand-service.js";

/** The ports a timeout watcher works on. */
export interface TimeoutWatcherDeps {
  readonly service: TelecommandService;
  /** Overdue deadlines from the queue; the commands it recovers at start, from the store. */
  readonly repository: Pick<DispatchQueue, "overdue"> & Pick<CommandStore, "get" | "list">;
  readonly clock: Clock;
}

export interface TimeoutWatcherOptions {
  /** Commands read per page (start-up recovery) and per overdue sweep. */
  readonly batchSize: number;
  /** An overdue sweep every this many ms (deadlines set by other processes); 0 = only at start. */
  readonly sweepIntervalMs: number;
  /** After a storage error, check the command again this much later. */
  readonly retryDelayMs: number;
}

export interface TimeoutWatcherStats {
  /** TIMEOUT transitions applied. */
  readonly timeouts: number;
  /** EXPIRE transitions applied (a queued command's `notAfter` passed). */
  readonly expired: number;
  /** Overdue sweeps run. */
  readonly sweeps: number;
  /** Commands whose deadline is being watched. */
  readonly tracked: number;
  readonly errors: number;
}

/**
 * Makes every command with a deadline meet it: a transmitted command reaches a final state in
 * bounded time (acceptance and execution timeouts), and a queued one fails `expired` when its
 * `notAfter` passes (SPEC §1).
 */
export interface TimeoutWatcher {
  /** Recovers (tracks every command in a status with a deadline, which fires the overdue ones) and arms timers. */
  start(): void;
  /** Learns a deadline from a published transition; chain it to the event publisher. */
  observe(event: TransitionEvent): void;
  /** Learns a command's deadline (or that it has none any more); older versions than known are ignored. */
  track(command: Telecommand): void;
  /** Cancels timers and waits for checks under way. */
  stop(): Promise<void>;
  stats(): TimeoutWatcherStats;
}

const EVENTS: Readonly<Record<"EXPIRE" | "TIMEOUT", LifecycleEvent>> = {
  EXPIRE: { type: "EXPIRE", reason: "notAfter passed before transmission" },
  TIMEOUT: { type: "TIMEOUT" },
};
const EXACT = { exact: true } as const;

/**
 * Creates a timeout watcher. It keeps the deadline of every command it hears of (from
 * {@link TimeoutWatcher.observe}, {@link TimeoutWatcher.track} and start-up recovery) in a
 * queue and one clock timer at the earliest. When a deadline passes and is still the
 * command's latest known one, it re-reads the command: still past its deadline → the
 * deadline's event (core's `deadlineEventOf`: EXPIRE when queued, TIMEOUT when waiting for a
 * report), as one exact compare-and-set (a report or a transmission that races it wins or
 * loses cleanly, and a lost event leaves no history); deadline moved on (an event this process
 * did not see) → watched anew. Deadlines that a later transition replaced cost nothing. With
 * `sweepIntervalMs`, it also sweeps `repository.overdue` for deadlines it could not hear of.
 * On ports that answer at once (the simulator's), every check completes within the timer's
 * callback.
 *
 * @example
 * const watcher = createTimeoutWatcher({ service, repository, clock });
 * publisher.subscribe(watcher.observe);
 * watcher.start();
 */
export function createTimeoutWatcher(
  deps: TimeoutWatcherDeps,
  options: Partial<TimeoutWatcherOptions> = {},
): TimeoutWatcher {
  const { service, repository, clock } = deps;
  const lifecycle = service.lifecycle;
  const batchSize = options.batchSize ?? DEFAULT_SENDER_OPTIONS.batchSize;
  const sweepIntervalMs = options.sweepIntervalMs ?? DEFAULT_SENDER_OPTIONS.pollIntervalMs;
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_SENDER_OPTIONS.retryDelayMs;
  // Statuses in which a command may carry a deadline: a timeout, or a notAfter to expire at.
  const watchedStatuses = lifecycle.statuses.filter(
    (s) =>
      lifecycle.state(s).timeout !== undefined ||
      (deadlineEventOf(lifecycle.state(s)) === "EXPIRE" && lifecycle.step(s, null, EVENTS.EXPIRE) !== null),
  );

  /** The latest known deadline per command (updated in place); the queue may hold older, stale entries. */
  const known = new Map<string, { deadline: Instant; version: number }>();
  const queue = new DeadlineQueue();
  let running = false;
  let timer: TimerHandle | null = null;
  let timerAt = Number.POSITIVE_INFINITY;
  let sweepTimer: TimerHandle | null = null;
  let busy = 0;
  let idle: (() => void)[] = [];
  let timeouts = 0;
  let expired = 0;
  let sweeps = 0;
  let errors = 0;

  function track(command: Telecommand): void {
    const previous = known.get(command.id);
    if (previous && previous.version >= command.version) return;
    if (previous?.deadline === command.deadline) {
      previous.version = command.version;
      return;
    }
    // A command never watched that has no deadline (most submissions) needs no second lookup.
    if (command.deadline === null) {
      if (previous !== undefined) known.delete(command.id);
    } else watch(command.id, command.deadline, command.version, previous);
    // A timer left at a replaced deadline fires once and skips every stale entry up to then:
    // cheaper than re-arming on each report. Only a quiet watcher drops its timer at once.
    if (known.size === 0) {
      queue.clear();
      if (timer !== null) clock.cancel(timer);
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
    }
  }

  function watch(
    id: string,
    deadline: Instant,
    version: number,
    entry: { deadline: Instant; version: number } | undefined = known.get(id),
  ): void {
    if (entry === undefined) known.set(id, { deadline, version });
    else {
      entry.deadline = deadline;
      entry.version = version;
    }
    queue.push(deadline, id);
    // The timer already fires no later than this deadline: nothing to re-arm.
    if (timer === null || deadline < timerAt) arm();
  }

  function arm(): void {
    if (!running) return;
    while (queue.size > 0 && known.get(queue.peekId() as string)?.deadline !== queue.peekAt()) queue.pop();
    const at = queue.peekAt();
    if (at === Number.POSITIVE_INFINITY || (timer !== null && timerAt <= at)) return;
    if (timer !== null) clock.cancel(timer);
    timerAt = at;
    timer = clock.schedule(Math.max(0, at - clock.now()), fire);
  }

  function fire(): void {
    timer = null;
    timerAt = Number.POSITIVE_INFINITY;
    const now = clock.now();
    const due: string[] = [];
    for (let at = queue.peekAt(); at <= now; at = queue.peekAt()) {
      const id = queue.peekId() as string;
      queue.pop();
      if (known.get(id)?.deadline === at) {
        known.delete(id);
        due.push(id);
      }
    }
    if (due.length > 0) background(runTask(check(due)));
    arm();
  }

  function* check(ids: readonly string[]): Task<void> {
    busy++;
    try {
      for (const id of ids) {
        try {
          const command = yield* wait(repository.get(id));
          if (command) yield* wait(passDeadline(command));
        } catch {
          errors++;
          // Version -1: any real event about the command replaces this retry.
          if (running) watch(id, clock.now() + retryDelayMs, -1);
        }
      }
    } finally {
      done();
    }
  }

  /**
   * Applies the deadline's event when the command is still past its deadline; otherwise
   * watches its new deadline. False when nothing could change (the lifecycle has no such event
   * from its status).
   */
  function passDeadline(command: Telecommand): Awaitable<boolean> {
    if (command.deadline === null) return true;
    if (command.deadline > clock.now()) {
      track(command);
      return true;
    }
    const event = EVENTS[deadlineEventOf(lifecycle.state(command.status))];
    const result = service.apply(command.id, event, "timeout", command, EXACT);
    return isPromiseLike(result)
      ? Promise.resolve(result).then((r) => passed(command, event, r))
      : passed(command, event, result);
  }

  function passed(command: Telecommand, event: LifecycleEvent, result: ApplyResult): boolean {
    if (result.kind === "applied") {
      if (event === EVENTS.EXPIRE) expired++;
      else timeouts++;
      track(result.command);
      return true;
    }
    if (result.kind === "ignored" && result.command.version !== command.version) {
      track(result.command);
      return true;
    }
    return result.kind === "unknown";
  }

  function* recover(): Task<void> {
    busy++;
    try {
      for (const status of watchedStatuses) {
        let cursor: string | null = null;
        do {
          const page: Page<Telecommand> = yield* wait(
            repository.list({ status, limit: Math.min(batchSize, 500), cursor }),
          );
          for (const command of page.items) track(command);
          cursor = page.nextCursor;
        } while (cursor !== null && running);
      }
    } catch {
      errors++;
    } finally {
      done();
    }
  }

  function* sweep(): Task<void> {
    busy++;
    sweeps++;
    try {
      for (;;) {
        const overdue = yield* wait(repository.overdue(clock.now(), batchSize));
        let moved = 0;
        for (const command of overdue) {
          if (yield* wait(passDeadline(command))) moved++;
        }
        if (overdue.length < batchSize || moved === 0 || !running) break;
      }
    } catch {
      errors++;
    } finally {
      done();
    }
  }

  function scheduleSweep(): void {
    if (!running || sweepIntervalMs <= 0) return;
    sweepTimer = clock.schedule(sweepIntervalMs, () => {
      sweepTimer = null;
      background(runTask(sweep()));
      scheduleSweep();
    });
  }

  function done(): void {
    busy--;
    if (busy === 0 && idle.length > 0) {
      const waiting = idle;
      idle = [];
      for (const resolve of waiting) resolve();
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      arm();
      background(runTask(recover()));
      scheduleSweep();
    },
    observe(event) {
      if (!event.entry.ignored) track(event.command);
    },
    track,
    async stop() {
      running = false;
      if (timer !== null) clock.cancel(timer);
      if (sweepTimer !== null) clock.cancel(sweepTimer);
      timer = null;
      sweepTimer = null;
      timerAt = Number.POSITIVE_INFINITY;
      if (busy > 0) await new Promise<void>((resolve) => idle.push(resolve));
    },
    stats() {
      return { timeouts, expired, sweeps, tracked: known.size, errors };
    },
  };
}

/** Work started from a timer: its errors are counted where they happen, so nothing is left to await. */
function background(work: Awaitable<void>): void {
  if (isPromiseLike(work)) Promise.resolve(work).catch(() => {});
}
