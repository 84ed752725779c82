import { DEFAULT_DISPATCH_ORDER, type DispatchOrder } from "../decisions/dispatch-order.js";
import { leaseHolds, leaseUntil } from "../decisions/leases.js";
import type { ClaimRequest } from "../ports/telecommand-repository.js";
import type { Instant, Telecommand } from "../types.js";
import { MinHeap } from "./min-heap.js";

/**
 * A command's place in the claim index; the in-memory repository keeps one per command, so
 * that the index needs no maps of its own on the hot path.
 */
export interface DispatchSlot {
  command: Telecommand;
  /** Whether the command is in a queued status. */
  queued: boolean;
  /** Whether the slot is in its spacecraft's heap: it counts there while queued and not leased. */
  inHeap: boolean;
  lease: Lease | null;
  /** Its spacecraft's queue, found once (a command never changes spacecraft). */
  queue: SpacecraftQueue | null;
}

/** One spacecraft's queued commands. */
export interface SpacecraftQueue {
  readonly spacecraftId: string;
  /** Slots in dispatch order; an entry counts only while its slot is queued and not leased. */
  readonly heap: MinHeap<DispatchSlot>;
  /** Queued commands, leased or not. */
  queued: number;
  /** Heap entries whose command left the queued statuses, dropped in bulk (see `remove`). */
  stale: number;
  /** The owner serving this spacecraft's queue (see {@link ClaimRequest}), or null. */
  holder: string | null;
  holdUntil: Instant;
}

export interface Lease {
  readonly slot: DispatchSlot;
  readonly owner: string;
  readonly until: Instant;
}

interface NotBeforeEntry {
  readonly slot: DispatchSlot;
  readonly notBefore: Instant;
}

/** Takes a stale slot out of its heap; true when it was stale. */
const dropIfStale = (slot: DispatchSlot): boolean => {
  if (isLive(slot)) return false;
  slot.inHeap = false;
  return true;
};

const isLive = (slot: DispatchSlot): boolean => slot.queued && slot.lease === null;

/** Stale heap entries are dropped once there are this many and they are half the heap. */
const MIN_STALE_TO_COMPACT = 32;

/**
 * The in-memory repository's claim index: one heap per spacecraft in dispatch order holding
 * the queued commands nobody has leased and whose `notBefore` has passed, a heap of the others
 * by `notBefore` (moved over as claims reach it), and a heap of lease expiries. A claim
 * touches only what it takes, so commands waiting out a transmit delay or a `notBefore` cost
 * nothing. The heaps hold the slots themselves: a command that leaves the queue stays in its
 * heap until a claim meets it, or until such entries are half the heap (commands that are
 * never claimed, because they are transmitted some other way).
 */
export class DispatchIndex {
  private readonly queues = new Map<string, SpacecraftQueue>();
  private readonly withNotBefore = new Set<DispatchSlot>();
  /**
   * Queued commands whose `notBefore` was still ahead of {@link horizon}, earliest first; they
   * join their spacecraft's heap once a claim's `now` reaches it. Claims move forward in time
   * in practice; one that asks about an earlier instant sets aside what is not yet due.
   */
  private readonly upcoming = new MinHeap<NotBeforeEntry>((a, b) => a.notBefore < b.notBefore);
  private horizon = Number.NEGATIVE_INFINITY;
  private readonly leased = new Set<DispatchSlot>();
  private readonly leaseExpiries = new MinHeap<Lease>((a, b) => a.until < b.until);
  private readonly before: (a: DispatchSlot, b: DispatchSlot) => boolean;

  /**
   * @param queuedStatuses the statuses this index holds (the lifecycle's queued statuses).
   * @param slotOf finds a command's slot by id (for `release`).
   * @param allSlots every slot, for the rare question about a subset of the queued statuses.
   * @param order the dispatch order (default SPEC §2's).
   */
  constructor(
    private readonly queuedStatuses: readonly string[],
    private readonly slotOf: (id: string) => DispatchSlot | undefined,
    private readonly allSlots: () => Iterable<DispatchSlot>,
    order: DispatchOrder = DEFAULT_DISPATCH_ORDER,
  ) {
    // Priority, creation time and id never change, so a slot's place in its heap stays valid.
    this.before = (a, b) => order.compare(a.command, b.command) < 0;
  }

  /** The slot's command entered, or stays in, a queued status: indexed again, unleased. */
  put(slot: DispatchSlot): void {
    if (!slot.queued) {
      slot.queued = true;
      const queue = this.queueOf(slot);
      queue.queued++;
      if (slot.inHeap) queue.stale--;
    }
    this.dropLease(slot);
    const notBefore = slot.command.notBefore;
    if (notBefore !== null) {
      this.withNotBefore.add(slot);
      if (notBefore > this.horizon) {
        this.upcoming.push({ slot, notBefore });
        return;
      }
    } else if (this.withNotBefore.size > 0) this.withNotBefore.delete(slot);
    this.enqueue(slot);
  }

  /** The slot's command left the queued statuses. */
  remove(slot: DispatchSlot): void {
    if (!slot.queued) return;
    slot.queued = false;
    const queue = this.queueOf(slot);
    queue.queued--;
    this.dropLease(slot);
    if (this.withNotBefore.size > 0) this.withNotBefore.delete(slot);
    if (slot.inHeap && ++queue.stale >= MIN_STALE_TO_COMPACT && queue.stale * 2 > queue.heap.size) {
      queue.heap.removeWhere(dropIfStale);
      queue.stale = 0;
    }
  }

  claim(request: ClaimRequest): Telecommand[] {
    const { now, owner } = request;
    this.expireLeases(now);
    this.reach(now);
    const queues: SpacecraftQueue[] = [];
    for (const spacecraftId of request.spacecraftIds ?? this.queues.keys()) {
      const queue = this.queues.get(spacecraftId);
      if (!queue || queue.heap.size === 0) continue;
      if (queue.holder !== null && queue.holder !== owner && leaseHolds(queue.holdUntil, now)) continue;
      queues.push(queue);
    }
    const claimed: Telecommand[] = [];
    const setAside: DispatchSlot[] = [];
    const until = leaseUntil(now, request.leaseMs);
    while (claimed.length < request.limit) {
      const queue = this.bestQueue(queues);
      if (!queue) break;
      const slot = queue.heap.pop() as DispatchSlot;
      slot.inHeap = false;
      const command = slot.command;
      if (
        !request.statuses.includes(command.status) ||
        (command.notBefore !== null && command.notBefore > now)
      ) {
        setAside.push(slot);
        continue;
      }
      const lease: Lease = { slot, owner, until };
      slot.lease = lease;
      this.leased.add(slot);
      this.leaseExpiries.push(lease);
      claimed.push(command);
      queue.holder = owner;
      queue.holdUntil = until;
    }
    for (const slot of setAside) this.enqueue(slot);
    return claimed;
  }

  release(owner: string, ids?: readonly string[]): void {
    const slots = ids ? ids.map(this.slotOf) : [...this.leased];
    for (const slot of slots) {
      if (!slot || slot.lease?.owner !== owner) continue;
      this.dropLease(slot);
      if (slot.queued) this.enqueue(slot);
    }
    if (ids === undefined) {
      for (const queue of this.queues.values()) if (queue.holder === owner) queue.holder = null;
    }
  }

  spacecraftWithQueued(statuses: readonly string[]): string[] {
    // The sender asks for every queued status: the per-spacecraft counts answer without a scan.
    if (this.queuedStatuses.every((s) => statuses.includes(s))) {
      const found: string[] = [];
      for (const [spacecraftId, queue] of this.queues) if (queue.queued > 0) found.push(spacecraftId);
      return found.sort();
    }
    const found = new Set<string>();
    for (const slot of this.allSlots()) {
      if (slot.queued && statuses.includes(slot.command.status)) found.add(slot.command.spacecraftId);
    }
    return [...found].sort();
  }

  nextNotBefore(statuses: readonly string[], now: Instant): Instant | null {
    if (now < this.horizon) return this.scanNextNotBefore(statuses, now);
    this.reach(now);
    for (let top = this.upcoming.peek(); top; top = this.upcoming.peek()) {
      const c = top.slot.command;
      if (top.slot.queued && c.notBefore === top.notBefore) {
        return statuses.includes(c.status) ? top.notBefore : this.scanNextNotBefore(statuses, now);
      }
      this.upcoming.pop();
    }
    return null;
  }

  /** Moves the horizon to `now`: commands whose `notBefore` it passes join their heaps. */
  private reach(now: Instant): void {
    if (now <= this.horizon) return;
    this.horizon = now;
    for (let top = this.upcoming.peek(); top && top.notBefore <= now; top = this.upcoming.peek()) {
      this.upcoming.pop();
      const slot = top.slot;
      if (slot.queued && slot.command.notBefore === top.notBefore && slot.lease === null) this.enqueue(slot);
    }
  }

  private scanNextNotBefore(statuses: readonly string[], now: Instant): Instant | null {
    let next: Instant | null = null;
    for (const { command: c } of this.withNotBefore) {
      if (!statuses.includes(c.status) || c.notBefore === null || c.notBefore <= now) continue;
      if (next === null || c.notBefore < next) next = c.notBefore;
    }
    return next;
  }

  /** Puts a queued, unleased slot in its heap, unless it is there already. */
  private enqueue(slot: DispatchSlot): void {
    if (slot.inHeap) return;
    slot.inHeap = true;
    this.queueOf(slot).heap.push(slot);
  }

  private queueOf(slot: DispatchSlot): SpacecraftQueue {
    if (slot.queue) return slot.queue;
    const spacecraftId = slot.command.spacecraftId;
    let queue = this.queues.get(spacecraftId);
    if (!queue) {
      queue = {
        spacecraftId,
        heap: new MinHeap(this.before),
        queued: 0,
        stale: 0,
        holder: null,
        holdUntil: Number.NEGATIVE_INFINITY,
      };
      this.queues.set(spacecraftId, queue);
    }
    slot.queue = queue;
    return queue;
  }

  private dropLease(slot: DispatchSlot): void {
    if (slot.lease === null) return;
    slot.lease = null;
    this.leased.delete(slot);
  }

  /** The queue whose first live slot comes first; stale tops are dropped on the way. */
  private bestQueue(queues: readonly SpacecraftQueue[]): SpacecraftQueue | null {
    let best: SpacecraftQueue | null = null;
    let bestTop: DispatchSlot | undefined;
    for (const queue of queues) {
      let top = queue.heap.peek();
      while (top && !isLive(top)) {
        queue.heap.pop();
        top.inHeap = false;
        if (!top.queued) queue.stale--;
        top = queue.heap.peek();
      }
      if (top && (!bestTop || this.before(top, bestTop))) {
        best = queue;
        bestTop = top;
      }
    }
    return best;
  }

  private expireLeases(now: Instant): void {
    for (
      let lease = this.leaseExpiries.peek();
      lease && !leaseHolds(lease.until, now);
      lease = this.leaseExpiries.peek()
    ) {
      this.leaseExpiries.pop();
      const { slot } = lease;
      if (slot.lease !== lease) continue;
      this.dropLease(slot);
      if (slot.queued) this.enqueue(slot);
    }
  }
}
