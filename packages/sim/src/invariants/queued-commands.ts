import type { Instant } from "@uplink/core";
import { MinHeap } from "./min-heap.js";

/** A command the checker knows to be queued (it left nothing yet), with what SPEC §2 orders it by. */
export interface QueuedCommand {
  readonly row: number;
  /** Its spacecraft's code. */
  readonly spacecraft: number;
  readonly id: string;
  readonly priority: number;
  readonly createdAt: Instant;
  /** When it could first be sent: its submission, or its `notBefore` if later. */
  readonly since: Instant;
  /** NaN when it has none. */
  readonly notAfter: Instant;
}

/** SPEC §2's dispatch order, as the specification states it: highest priority, then oldest, then by id. */
export function comesFirst(a: QueuedCommand, b: QueuedCommand): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.id < b.id;
}

/**
 * The queued commands of a trace, as the invariant checker needs them: per spacecraft, those
 * that could be sent now, in dispatch order (to find one that a transmission overtook); those
 * whose `notBefore` is still ahead; and those with a `notAfter`, earliest first (to find one
 * left queued after it). Memory only for commands while they are queued; entries of commands
 * that left are dropped as they surface.
 */
export class QueuedCommands {
  private readonly byRow = new Map<number, QueuedCommand>();
  private readonly eligible = new Map<number, MinHeap<QueuedCommand>>();
  private readonly notYet = new MinHeap<QueuedCommand>((a, b) => a.since < b.since);
  private readonly expiring = new MinHeap<QueuedCommand>((a, b) => a.notAfter < b.notAfter);
  private now = Number.NEGATIVE_INFINITY;

  add(command: QueuedCommand): void {
    this.byRow.set(command.row, command);
    if (command.since <= this.now) this.heapOf(command.spacecraft).push(command);
    else this.notYet.push(command);
    if (!Number.isNaN(command.notAfter)) this.expiring.push(command);
  }

  /** The command left the queued statuses. */
  remove(row: number): void {
    this.byRow.delete(row);
  }

  has(row: number): boolean {
    return this.byRow.has(row);
  }

  /** Time reached `now`: commands whose `notBefore` it passes can be sent. */
  advance(now: Instant): void {
    if (now <= this.now) return;
    this.now = now;
    for (let top = this.notYet.peek(); top !== undefined && top.since <= now; top = this.notYet.peek()) {
      this.notYet.pop();
      if (this.byRow.get(top.row) === top) this.heapOf(top.spacecraft).push(top);
    }
  }

  /**
   * A command still queued that a transmission of `row` at this instant overtakes: of the same
   * spacecraft, before it in dispatch order, and sendable since no later than it. Null when none.
   */
  overtaken(row: number): QueuedCommand | null {
    const sent = this.byRow.get(row);
    if (sent === undefined) return null;
    const heap = this.heapOf(sent.spacecraft);
    const passed: QueuedCommand[] = [];
    let found: QueuedCommand | null = null;
    for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
      if (this.byRow.get(top.row) !== top) {
        heap.pop();
        continue;
      }
      if (top === sent || !comesFirst(top, sent)) break;
      if (top.since <= sent.since) {
        found = top;
        break;
      }
      passed.push(heap.pop() as QueuedCommand);
    }
    for (const command of passed) heap.push(command);
    return found;
  }

  /** The first command still queued at `now` more than `slackMs` after its `notAfter`, or null. */
  expiredLate(now: Instant, slackMs: number): QueuedCommand | null {
    for (let top = this.expiring.peek(); top !== undefined; top = this.expiring.peek()) {
      if (this.byRow.get(top.row) !== top) {
        this.expiring.pop();
        continue;
      }
      return top.notAfter + slackMs < now ? top : null;
    }
    return null;
  }

  /** Every command still queued. */
  remaining(): IterableIterator<QueuedCommand> {
    return this.byRow.values();
  }

  private heapOf(spacecraft: number): MinHeap<QueuedCommand> {
    let heap = this.eligible.get(spacecraft);
    if (heap === undefined) {
      heap = new MinHeap(comesFirst);
      this.eligible.set(spacecraft, heap);
    }
    return heap;
  }
}
