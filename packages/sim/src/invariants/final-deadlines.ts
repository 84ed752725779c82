import type { Instant } from "@uplink/core";
import type { CommandTable } from "./command-table.js";

/** A transmitted command that did not reach a final state within its bound. */
export interface LateCommand {
  readonly row: number;
  /** When the bound ran out. */
  readonly due: Instant;
  /** When it became final (after `due`), or NaN when it still is not. */
  readonly finalAt: number;
}

/**
 * The transmitted commands in transmission order, each to be final within `boundMs` of its
 * transmission. Because transmissions come in time order, only the oldest not-final one can be
 * overdue first: checking is amortised O(1) per record.
 */
export class FinalDeadlines {
  private queue: number[] = [];
  private head = 0;
  boundMs = Number.POSITIVE_INFINITY;

  constructor(private readonly table: CommandTable) {}

  /** A command (by row) was just transmitted. */
  push(row: number): void {
    this.queue.push(row);
  }

  /** The first command found overdue by `now` (or final too late), or null. */
  check(now: Instant): LateCommand | null {
    const t = this.table;
    while (this.head < this.queue.length) {
      const row = this.queue[this.head] as number;
      const due = (t.transmittedAt[row] as number) + this.boundMs;
      const finalAt = t.finalAt[row] as number;
      if (!Number.isNaN(finalAt)) {
        if (finalAt > due) return { row, due, finalAt };
      } else if (due < now) {
        return { row, due, finalAt: Number.NaN };
      } else {
        // Not due yet, and later transmissions are due later still; a later one that is already
        // final is checked when it reaches the head.
        break;
      }
      this.head++;
    }
    if (this.head > 65_536 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return null;
  }
}
