import { DeadlineLanes } from "./deadline-lanes.js";

/** What the watcher needs from the engine. */
export interface WatchHost {
  now(): number;
  /** Schedules the watcher's timer; returns its handle. */
  scheduleWatch(delayMs: number): number;
  /** Cancels the watcher's live timer. */
  cancelWatch(): void;
}

/**
 * Core's timeout watcher (`createTimeoutWatcher`) without promises: the latest known deadline
 * and version per command, core's lane queue of deadlines (stale entries skipped when they
 * surface), and one timer at the earliest. It mirrors core's rules exactly, including that a
 * watcher left knowing nothing drops its queue and its timer, since that changes which timers
 * are pending and so when a run ends.
 */
export class DeadlineWatch {
  private readonly deadline: Float64Array;
  private readonly version: Int32Array;
  private known = 0;
  private readonly queue = new DeadlineLanes();
  private timer = -1;
  private timerAt = Number.POSITIVE_INFINITY;
  running = false;
  /** Commands found due by {@link fire}. */
  readonly due: number[] = [];

  constructor(
    capacity: number,
    private readonly host: WatchHost,
  ) {
    this.deadline = new Float64Array(Math.max(capacity, 1)).fill(Number.NaN);
    this.version = new Int32Array(Math.max(capacity, 1));
  }

  /** Learns command `i`'s deadline (NaN: none) at `version`. */
  track(i: number, deadline: number, version: number): void {
    const previous = this.deadline[i] as number;
    const knownBefore = !Number.isNaN(previous);
    if (knownBefore && (this.version[i] as number) >= version) return;
    if (knownBefore && previous === deadline) {
      this.version[i] = version;
      return;
    }
    if (Number.isNaN(deadline)) {
      if (knownBefore) {
        this.deadline[i] = Number.NaN;
        this.known--;
      }
    } else {
      if (!knownBefore) this.known++;
      this.deadline[i] = deadline;
      this.version[i] = version;
      this.queue.push(deadline, i);
      this.arm();
    }
    if (this.known === 0) {
      this.queue.clear();
      if (this.timer !== -1) this.host.cancelWatch();
      this.timer = -1;
      this.timerAt = Number.POSITIVE_INFINITY;
    }
  }

  /** Whether `order` is the handle of the live timer (a popped timer that is not was cancelled). */
  isLive(order: number): boolean {
    return order === this.timer;
  }

  /** The live timer fired: fills {@link due} with the commands past their deadline, then re-arms. */
  fire(): void {
    this.timer = -1;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.host.now();
    const due = this.due;
    due.length = 0;
    const q = this.queue;
    while (q.peek() && q.topAt <= now) {
      q.pop();
      const id = q.topId;
      if (this.deadline[id] === q.topAt) {
        this.deadline[id] = Number.NaN;
        this.known--;
        due.push(id);
      }
    }
    this.arm();
  }

  /** Cancels the timer (the watcher's stop). */
  stop(): void {
    this.running = false;
    if (this.timer !== -1) this.host.cancelWatch();
    this.timer = -1;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  private arm(): void {
    if (!this.running) return;
    const q = this.queue;
    while (q.peek()) {
      if (this.deadline[q.topId] === q.topAt) break;
      q.pop();
    }
    if (!q.peek()) return;
    const at = q.topAt;
    if (this.timer !== -1 && this.timerAt <= at) return;
    if (this.timer !== -1) this.host.cancelWatch();
    this.timerAt = at;
    this.timer = this.host.scheduleWatch(Math.max(0, at - this.host.now()));
  }
}
