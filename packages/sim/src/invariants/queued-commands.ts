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

/** One spacecraft's sendable queued commands of one priority, in the order they became sendable. */
class Bucket {
  items: QueuedCommand[] = [];
  head = 0;
  /** Past this length, commands that left are dropped from behind the front too. */
  private compactAt = 1024;

  push(command: QueuedCommand, queued: readonly (QueuedCommand | undefined)[]): void {
    if (this.items.length >= this.compactAt) {
      // A command that waits long at the front would keep every one after it: keep only those still queued.
      this.items = this.items.slice(this.head).filter((c) => queued[c.row] === c);
      this.head = 0;
      this.compactAt = Math.max(1024, 2 * this.items.length);
    }
    this.items.push(command);
  }

  /** Drops commands that left the queue from the front; the first still queued, or undefined. */
  first(queued: readonly (QueuedCommand | undefined)[]): QueuedCommand | undefined {
    const items = this.items;
    while (this.head < items.length) {
      const command = items[this.head] as QueuedCommand;
      if (queued[command.row] === command) return command;
      this.head++;
    }
    if (this.head > 0) {
      this.items = [];
      this.head = 0;
    }
    return undefined;
  }

  /** Commands from the front, still queued or not, for a scan that stops early. */
  at(i: number): QueuedCommand | undefined {
    return this.items[this.head + i];
  }
}

/** One spacecraft's sendable queued commands, by priority (highest first). */
class SpacecraftQueue {
  readonly byPriority = new Map<number, Bucket>();
  /** The priorities present, highest first. */
  priorities: number[] = [];

  bucket(priority: number): Bucket {
    let bucket = this.byPriority.get(priority);
    if (bucket === undefined) {
      bucket = new Bucket();
      this.byPriority.set(priority, bucket);
      this.priorities.push(priority);
      this.priorities.sort((a, b) => b - a);
    }
    return bucket;
  }
}

/**
 * The queued commands of a trace, as the invariant checker needs them: per spacecraft and
 * priority, those that could be sent now, in the order they became sendable (to find one that
 * a transmission overtook); those whose `notBefore` is still ahead; and those with a
 * `notAfter`, earliest first (to find one left queued after it). Memory only for commands
 * while they are queued; entries of commands that left are dropped as they surface. Time must
 * be given to {@link advance} in order, before each command it adds.
 */
export class QueuedCommands {
  /** By row, the commands still queued (an array: rows come in order, and a map would churn). */
  private readonly byRow: (QueuedCommand | undefined)[] = [];
  private readonly spacecraft = new Map<number, SpacecraftQueue>();
  private readonly notYet = new MinHeap<QueuedCommand>((a, b) => a.since < b.since);
  private readonly expiring = new MinHeap<QueuedCommand>((a, b) => a.notAfter < b.notAfter);
  private now = Number.NEGATIVE_INFINITY;

  add(command: QueuedCommand): void {
    this.byRow[command.row] = command;
    if (command.since <= this.now) this.sendable(command);
    else this.notYet.push(command);
    if (!Number.isNaN(command.notAfter)) this.expiring.push(command);
  }

  /** The command left the queued statuses. */
  remove(row: number): void {
    if (row < this.byRow.length) this.byRow[row] = undefined;
  }

  /** Removes a queued command and returns it (undefined when it is not queued). */
  take(row: number): QueuedCommand | undefined {
    const command = this.byRow[row];
    this.remove(row);
    return command;
  }

  /** Time reached `now`: commands whose `notBefore` it passes can be sent. */
  advance(now: Instant): void {
    if (now <= this.now) return;
    this.now = now;
    for (let top = this.notYet.peek(); top !== undefined && top.since <= now; top = this.notYet.peek()) {
      this.notYet.pop();
      if (this.byRow[top.row] === top) this.sendable(top);
    }
  }

  /**
   * A command still queued that a transmission of `row` at this instant overtakes: of the same
   * spacecraft, before it in dispatch order, and sendable since before it was. Null when none.
   * (Two commands sendable from the same instant may leave either way: the one that came
   * second, in that instant, may find the first already claimed.)
   */
  overtaken(row: number): QueuedCommand | null {
    const sent = this.byRow[row];
    if (sent === undefined) return null;
    const queue = this.spacecraft.get(sent.spacecraft);
    if (queue === undefined) return null;
    for (const priority of queue.priorities) {
      if (priority < sent.priority) break;
      const bucket = queue.byPriority.get(priority) as Bucket;
      const first = bucket.first(this.byRow);
      if (first === undefined || first.since >= sent.since) continue;
      if (priority > sent.priority) return first;
      // Same priority: an older one sendable before it (the bucket is in the order they became sendable).
      for (let i = 0, c = bucket.at(0); c !== undefined && c.since < sent.since; c = bucket.at(++i)) {
        if (this.byRow[c.row] === c && comesFirst(c, sent)) return c;
      }
    }
    return null;
  }

  /** The first command still queued at `now` more than `slackMs` after its `notAfter`, or null. */
  expiredLate(now: Instant, slackMs: number): QueuedCommand | null {
    for (let top = this.expiring.peek(); top !== undefined; top = this.expiring.peek()) {
      if (this.byRow[top.row] !== top) {
        this.expiring.pop();
        continue;
      }
      return top.notAfter + slackMs < now ? top : null;
    }
    return null;
  }

  /** Every command still queued. */
  *remaining(): Generator<QueuedCommand> {
    for (const command of this.byRow) if (command !== undefined) yield command;
  }

  private sendable(command: QueuedCommand): void {
    let queue = this.spacecraft.get(command.spacecraft);
    if (queue === undefined) {
      queue = new SpacecraftQueue();
      this.spacecraft.set(command.spacecraft, queue);
    }
    queue.bucket(command.priority).push(command, this.byRow);
  }
}
