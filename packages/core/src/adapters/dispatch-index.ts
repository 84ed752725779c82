import {
  DEFAULT_DISPATCH_ORDER,
  type DispatchOrder,
  type DispatchOrderFields,
} from "../decisions/dispatch-order.js";
import { leaseHolds, leaseUntil } from "../decisions/leases.js";
import type { ClaimRequest } from "../ports/telecommand-repository.js";
import type { Instant, Telecommand } from "../types.js";
import type { CommandColumns } from "./command-columns.js";
import { LeaseHeap } from "./lease-heap.js";
import { MinHeap } from "./min-heap.js";
import { RowHeap } from "./row-heap.js";
import { widened } from "./typed-arrays.js";

/** One spacecraft's queued commands. */
interface SpacecraftQueue {
  readonly spacecraftId: string;
  /** Rows in dispatch order; an entry counts only while its row is queued and not leased. */
  readonly heap: RowHeap;
  /** Queued commands, leased or not. */
  queued: number;
  /** Heap entries whose command left the queued statuses, dropped in bulk (see `remove`). */
  stale: number;
  /** The owner serving this spacecraft's queue (see {@link ClaimRequest}), or null. */
  holder: string | null;
  holdUntil: Instant;
}

interface NotBeforeEntry {
  readonly row: number;
  readonly notBefore: Instant;
}

/** Row flags. */
const QUEUED = 1;
const IN_HEAP = 2;

/** Stale heap entries are dropped once there are this many and they are half the heap. */
const MIN_STALE_TO_COMPACT = 32;

/** A command's fields as the dispatch order reads them, filled from the columns without an object per call. */
class OrderView implements DispatchOrderFields {
  priority = 0;
  createdAt = 0;
  id = "";
}

/**
 * The in-memory repository's claim index over its rows: one heap per spacecraft in dispatch
 * order holding the queued commands nobody has leased and whose `notBefore` has passed, a heap
 * of the others by `notBefore` (moved over as claims reach it), and a heap of lease expiries.
 * A claim touches only what it takes, so commands waiting out a transmit delay or a
 * `notBefore` cost nothing. A command that leaves the queue stays in its heap until a claim
 * meets it, or until such entries are half the heap (commands that are never claimed, because
 * they are transmitted some other way). Per row it keeps one byte of flags and its lease's
 * owner and serial in typed arrays (not a map, nor an object per lease: leases come and go with
 * every command, and a map's tables churn).
 */
export class DispatchIndex {
  private readonly queues = new Map<number, SpacecraftQueue>();
  private flags = new Uint8Array(1024);
  /**
   * By row, its live lease: the owner's code (0: no lease) and its serial, which tells the
   * current lease's expiry entry from those of leases given back or taken since.
   */
  private leaseOwners = new Int32Array(1024);
  private leaseSerials = new Float64Array(1024);
  private nextLeaseSerial = 1;
  /** Lease owners' codes, from 1. */
  private readonly ownerCodes = new Map<string, number>();
  private readonly leaseExpiries = new LeaseHeap();
  private readonly withNotBefore = new Set<number>();
  /**
   * Queued commands whose `notBefore` was still ahead of {@link horizon}, earliest first; they
   * join their spacecraft's heap once a claim's `now` reaches it. Claims move forward in time
   * in practice; one that asks about an earlier instant sets aside what is not yet due.
   */
  private readonly upcoming = new MinHeap<NotBeforeEntry>((a, b) => a.notBefore < b.notBefore);
  private horizon = Number.NEGATIVE_INFINITY;
  private readonly before: (a: number, b: number) => boolean;

  /**
   * @param queuedStatuses the statuses this index holds (the lifecycle's queued statuses).
   * @param columns the repository's commands.
   * @param order the dispatch order (default SPEC §2's).
   */
  constructor(
    private readonly queuedStatuses: readonly string[],
    private readonly columns: CommandColumns,
    order: DispatchOrder = DEFAULT_DISPATCH_ORDER,
  ) {
    const x = new OrderView();
    const y = new OrderView();
    const c = columns;
    // Priority, creation time and id never change, so a row's place in its heap stays valid.
    this.before = (a, b) => {
      x.priority = c.priority[a] as number;
      x.createdAt = c.createdAt[a] as number;
      x.id = c.ids[a] as string;
      y.priority = c.priority[b] as number;
      y.createdAt = c.createdAt[b] as number;
      y.id = c.ids[b] as string;
      return order.compare(x, y) < 0;
    };
  }

  /** The row's command entered, or stays in, a queued status: indexed again, unleased. */
  put(row: number): void {
    if (row >= this.flags.length) this.growFlags(row);
    const flags = this.flags[row] as number;
    if ((flags & QUEUED) === 0) {
      this.flags[row] = flags | QUEUED;
      const queue = this.queueOf(row);
      queue.queued++;
      if ((flags & IN_HEAP) !== 0) queue.stale--;
    }
    this.leaseOwners[row] = 0;
    const notBefore = this.columns.notBeforeOf(row);
    if (!Number.isNaN(notBefore)) {
      this.withNotBefore.add(row);
      if (notBefore > this.horizon) {
        this.upcoming.push({ row, notBefore });
        return;
      }
    } else if (this.withNotBefore.size > 0) this.withNotBefore.delete(row);
    this.enqueue(row);
  }

  /** The row's command left the queued statuses. */
  remove(row: number): void {
    const flags = this.flags[row] ?? 0;
    if ((flags & QUEUED) === 0) return;
    this.flags[row] = flags & ~QUEUED;
    const queue = this.queueOf(row);
    queue.queued--;
    this.leaseOwners[row] = 0;
    if (this.withNotBefore.size > 0) this.withNotBefore.delete(row);
    if (
      (flags & IN_HEAP) !== 0 &&
      ++queue.stale >= MIN_STALE_TO_COMPACT &&
      queue.stale * 2 > queue.heap.size
    ) {
      queue.heap.removeWhere(this.dropIfStale);
      queue.stale = 0;
    }
  }

  claim(request: ClaimRequest): Telecommand[] {
    const { now, owner } = request;
    const columns = this.columns;
    this.expireLeases(now);
    this.reach(now);
    const queues: SpacecraftQueue[] = [];
    if (request.spacecraftIds === undefined) {
      for (const queue of this.queues.values()) this.consider(queue, owner, now, queues);
    } else {
      for (const spacecraftId of request.spacecraftIds) {
        const queue = this.queues.get(columns.spacecraftCode(spacecraftId));
        if (queue !== undefined) this.consider(queue, owner, now, queues);
      }
    }
    const claimed: Telecommand[] = [];
    const setAside: number[] = [];
    const until = leaseUntil(now, request.leaseMs);
    const ownerCode = this.ownerCode(owner);
    while (claimed.length < request.limit) {
      const queue = this.bestQueue(queues);
      if (!queue) break;
      const row = queue.heap.pop();
      this.flags[row] = (this.flags[row] as number) & ~IN_HEAP;
      const notBefore = columns.notBeforeOf(row);
      if (!request.statuses.includes(columns.statusOf(row)) || notBefore > now) {
        setAside.push(row);
        continue;
      }
      const serial = this.nextLeaseSerial++;
      this.leaseOwners[row] = ownerCode;
      this.leaseSerials[row] = serial;
      this.leaseExpiries.push(until, row, serial);
      claimed.push(columns.read(row));
      columns.remember(row);
      queue.holder = owner;
      queue.holdUntil = until;
    }
    for (const row of setAside) this.enqueue(row);
    return claimed;
  }

  release(owner: string, ids?: readonly string[]): void {
    const code = this.ownerCodes.get(owner);
    if (code !== undefined && ids !== undefined) {
      for (const id of ids) this.releaseRow(this.columns.rowOf(id), code);
    } else if (code !== undefined) {
      for (let row = 0; row < this.leaseOwners.length; row++) this.releaseRow(row, code);
    }
    if (ids === undefined) {
      for (const queue of this.queues.values()) if (queue.holder === owner) queue.holder = null;
    }
  }

  spacecraftWithQueued(statuses: readonly string[]): string[] {
    const columns = this.columns;
    // The sender asks for every queued status: the per-spacecraft counts answer without a scan.
    if (this.queuedStatuses.every((s) => statuses.includes(s))) {
      const found: string[] = [];
      for (const queue of this.queues.values()) if (queue.queued > 0) found.push(queue.spacecraftId);
      return found.sort();
    }
    const found = new Set<string>();
    for (let row = 0; row < columns.size; row++) {
      if (((this.flags[row] ?? 0) & QUEUED) !== 0 && statuses.includes(columns.statusOf(row)))
        found.add(columns.spacecraftOf(row));
    }
    return [...found].sort();
  }

  nextNotBefore(statuses: readonly string[], now: Instant): Instant | null {
    if (now < this.horizon) return this.scanNextNotBefore(statuses, now);
    this.reach(now);
    const columns = this.columns;
    for (let top = this.upcoming.peek(); top; top = this.upcoming.peek()) {
      const row = top.row;
      if (((this.flags[row] as number) & QUEUED) !== 0 && columns.notBeforeOf(row) === top.notBefore) {
        return statuses.includes(columns.statusOf(row))
          ? top.notBefore
          : this.scanNextNotBefore(statuses, now);
      }
      this.upcoming.pop();
    }
    return null;
  }

  /** A queue a claim may take from: not empty, and not held by another live owner. */
  private consider(queue: SpacecraftQueue, owner: string, now: Instant, into: SpacecraftQueue[]): void {
    if (queue.heap.size === 0) return;
    if (queue.holder !== null && queue.holder !== owner && leaseHolds(queue.holdUntil, now)) return;
    into.push(queue);
  }

  /** Moves the horizon to `now`: commands whose `notBefore` it passes join their heaps. */
  private reach(now: Instant): void {
    if (now <= this.horizon) return;
    this.horizon = now;
    const columns = this.columns;
    for (let top = this.upcoming.peek(); top && top.notBefore <= now; top = this.upcoming.peek()) {
      this.upcoming.pop();
      const row = top.row;
      if (
        ((this.flags[row] as number) & QUEUED) !== 0 &&
        columns.notBeforeOf(row) === top.notBefore &&
        this.leaseOwners[row] === 0
      )
        this.enqueue(row);
    }
  }

  private scanNextNotBefore(statuses: readonly string[], now: Instant): Instant | null {
    const columns = this.columns;
    let next: Instant | null = null;
    for (const row of this.withNotBefore) {
      const notBefore = columns.notBeforeOf(row);
      if (!statuses.includes(columns.statusOf(row)) || !(notBefore > now)) continue;
      if (next === null || notBefore < next) next = notBefore;
    }
    return next;
  }

  /** Puts a queued, unleased row in its heap, unless it is there already. */
  private enqueue(row: number): void {
    const flags = this.flags[row] as number;
    if ((flags & IN_HEAP) !== 0) return;
    this.flags[row] = flags | IN_HEAP;
    this.queueOf(row).heap.push(row);
  }

  private queueOf(row: number): SpacecraftQueue {
    const code = this.columns.spacecraft[row] as number;
    let queue = this.queues.get(code);
    if (!queue) {
      queue = {
        spacecraftId: this.columns.spacecraftOf(row),
        heap: new RowHeap(this.before),
        queued: 0,
        stale: 0,
        holder: null,
        holdUntil: Number.NEGATIVE_INFINITY,
      };
      this.queues.set(code, queue);
    }
    return queue;
  }

  private isLive(row: number): boolean {
    return ((this.flags[row] as number) & QUEUED) !== 0 && this.leaseOwners[row] === 0;
  }

  /** Takes a stale row out of its heap; true when it was stale. */
  private readonly dropIfStale = (row: number): boolean => {
    if (this.isLive(row)) return false;
    this.flags[row] = (this.flags[row] as number) & ~IN_HEAP;
    return true;
  };

  /** The queue whose first live row comes first; stale tops are dropped on the way. */
  private bestQueue(queues: readonly SpacecraftQueue[]): SpacecraftQueue | null {
    let best: SpacecraftQueue | null = null;
    let bestTop = -1;
    for (const queue of queues) {
      let top = queue.heap.peek();
      while (top >= 0 && !this.isLive(top)) {
        queue.heap.pop();
        const flags = this.flags[top] as number;
        this.flags[top] = flags & ~IN_HEAP;
        if ((flags & QUEUED) === 0) queue.stale--;
        top = queue.heap.peek();
      }
      if (top >= 0 && (bestTop < 0 || this.before(top, bestTop))) {
        best = queue;
        bestTop = top;
      }
    }
    return best;
  }

  private expireLeases(now: Instant): void {
    const expiries = this.leaseExpiries;
    while (expiries.size > 0 && !leaseHolds(expiries.peekUntil(), now)) {
      const row = expiries.peekRow();
      const serial = expiries.peekSerial();
      expiries.pop();
      if (this.leaseOwners[row] === 0 || this.leaseSerials[row] !== serial) continue;
      this.leaseOwners[row] = 0;
      if (((this.flags[row] as number) & QUEUED) !== 0) this.enqueue(row);
    }
  }

  /** Gives back the row's lease if `owner` (a code) holds it. */
  private releaseRow(row: number, owner: number): void {
    if (row < 0 || row >= this.leaseOwners.length || this.leaseOwners[row] !== owner) return;
    this.leaseOwners[row] = 0;
    if (((this.flags[row] as number) & QUEUED) !== 0) this.enqueue(row);
  }

  private ownerCode(owner: string): number {
    let code = this.ownerCodes.get(owner);
    if (code === undefined) {
      code = this.ownerCodes.size + 1;
      this.ownerCodes.set(owner, code);
    }
    return code;
  }

  private growFlags(row: number): void {
    let size = this.flags.length;
    while (size <= row) size *= 2;
    this.flags = widened(this.flags, size);
    this.leaseOwners = widened(this.leaseOwners, size);
    this.leaseSerials = widened(this.leaseSerials, size);
  }
}
