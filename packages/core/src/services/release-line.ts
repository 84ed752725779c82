import type { TimerHandle } from "../ports/clock.js";
import type { Instant, Telecommand } from "../types.js";

/** A claimed command waiting for its turn on its spacecraft's line. */
export interface Waiting {
  /** The command as claimed (its version is what TRANSMIT or EXPIRE expects). */
  readonly command: Telecommand;
  /** Its spacecraft's line. */
  readonly line: ReleaseLine;
  /** When its own transmit delay ends: it leaves at this instant or later, never earlier. */
  readonly readyAt: Instant;
  /** It left the queue some other way (a cancel, an expiry): skipped when it comes up. */
  gone: boolean;
}

/**
 * One spacecraft's claimed commands, in the order they were claimed (each claim hands them
 * over in dispatch order, SPEC §2): the first leaves once its own transmit delay has ended,
 * and each one after it only once it is first. So a random delay may hold a command back but
 * never lets a later one overtake it, and none waits more than the longest delay after its
 * claim: those ahead of it were claimed no later. One timer per line, at the first command's
 * `readyAt`.
 */
export class ReleaseLine {
  private items: Waiting[] = [];
  private head = 0;
  timer: TimerHandle | null = null;
  timerAt = Number.POSITIVE_INFINITY;
  /** A transmission of the line's first commands is under way (only with ports that promise). */
  busy = false;

  constructor(readonly spacecraftId: string) {}

  push(waiting: Waiting): void {
    this.items.push(waiting);
  }

  /** The first command, or undefined when the line is empty. */
  peek(): Waiting | undefined {
    return this.items[this.head];
  }

  pop(): Waiting | undefined {
    const first = this.items[this.head];
    if (first === undefined) return undefined;
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return first;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
