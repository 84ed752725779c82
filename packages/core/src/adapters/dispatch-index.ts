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
  /** The heap entry that counts, while queued and not leased. */
  entry: QueueEntry | null;
  lease: Lease | null;
}

export interface QueueEntry {
  readonly slot: DispatchSlot;
  readonly command: Telecommand;
}

export interface Lease {
  readonly slot: DispatchSlot;
  readonly owner: string;
  readonly until: Instant;
}

const dispatchBefore = (a: QueueEntry, b: QueueEntry): boolean => {
  const x = a.command;
  const y = b.command;
  if (x.priority !== y.priority) return x.priority > y.priority;
  if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt;
  return x.id < y.id;
};

interface NotBeforeEntry {
  readonly slot: DispatchSlot;
  readonly notBefore: Instant;
}

const isLive = (entry: QueueEntry): boolean => entry.slot.entry === entry;

/**
 * The in-memory repository's claim index: one heap per spacecraft in dispatch order (priority,
 * then age, then id) holding the queued commands nobody has leased, and a heap of lease
 * expiries. A claim touches only what it takes, so queued commands whose leases are waiting out
 * their transmit delay cost nothing. Heap entries are dropped lazily: one counts only while it
 * is its slot's current entry.
 */
export class DispatchIndex {
  private readonly queues = new Map<string, MinHeap<QueueEntry>>();
  private readonly queuedPerSpacecraft = new Map<string, number>();
  private readonly withNotBefore = new Set<DispatchSlot>();
  /**
   * Queued commands whose `notBefore` was still ahead of the latest `now` asked about, earliest
   * first. Times asked about only move forward in practice, so what falls due is dropped; an
   * older `now` falls back to scanning {@link withNotBefore}.
   */
  private readonly upcoming = new MinHeap<NotBeforeEntry>((a, b) => a.notBefore < b.notBefore);
  private latestNow = Number.NEGATIVE_INFINITY;
  private readonly leased = new Set<DispatchSlot>();
  private readonly leaseExpiries = new MinHeap<Lease>((a, b) => a.until < b.until);

  /**
   * @param queuedStatuses the statuses this index holds (the lifecycle's queued statuses).
   * @param slotOf finds a command's slot by id (for `release`).
   * @param allSlots every slot, for the rare question about a subset of the queued statuses.
   */
  constructor(
    private readonly queuedStatuses: readonly string[],
    private readonly slotOf: (id: string) => DispatchSlot | undefined,
    private readonly allSlots: () => Iterable<DispatchSlot>,
  ) {}

  /** The slot's command entered, or stays in, a queued status: indexed again, unleased. */
  put(slot: DispatchSlot): void {
    if (!slot.queued) {
      slot.queued = true;
      this.bumpSpacecraft(slot.command.spacecraftId, 1);
    }
    this.dropLease(slot);
    const notBefore = slot.command.notBefore;
    if (notBefore !== null) {
      this.withNotBefore.add(slot);
      if (notBefore > this.latestNow) this.upcoming.push({ slot, notBefore });
    } else if (this.withNotBefore.size > 0) this.withNotBefore.delete(slot);
    this.enqueue(slot);
  }

  /** The slot's command left the queued statuses. */
  remove(slot: DispatchSlot): void {
    if (!slot.queued) return;
    slot.queued = false;
    this.bumpSpacecraft(slot.command.spacecraftId, -1);
    slot.entry = null;
    this.dropLease(slot);
    if (this.withNotBefore.size > 0) this.withNotBefore.delete(slot);
  }

  claim(request: ClaimRequest): Telecommand[] {
    this.expireLeases(request.now);
    const heaps: MinHeap<QueueEntry>[] = [];
    for (const spacecraftId of request.spacecraftIds ?? this.queues.keys()) {
      const heap = this.queues.get(spacecraftId);
      if (heap && heap.size > 0) heaps.push(heap);
    }
    const claimed: Telecommand[] = [];
    const setAside: [MinHeap<QueueEntry>, QueueEntry][] = [];
    const until = request.now + request.leaseMs;
    while (claimed.length < request.limit) {
      const heap = this.bestHeap(heaps);
      if (!heap) break;
      const entry = heap.pop() as QueueEntry;
      const { slot } = entry;
      const command = slot.command;
      if (
        !request.statuses.includes(command.status) ||
        (command.notBefore !== null && command.notBefore > request.now)
      ) {
        setAside.push([heap, entry]);
        continue;
      }
      slot.entry = null;
      const lease: Lease = { slot, owner: request.owner, until };
      slot.lease = lease;
      this.leased.add(slot);
      this.leaseExpiries.push(lease);
      claimed.push(command);
    }
    for (const [heap, entry] of setAside) heap.push(entry);
    return claimed;
  }

  release(owner: string, ids?: readonly string[]): void {
    const slots = ids ? ids.map(this.slotOf) : [...this.leased];
    for (const slot of slots) {
      if (!slot || slot.lease?.owner !== owner) continue;
      this.dropLease(slot);
      if (slot.queued) this.enqueue(slot);
    }
  }

  spacecraftWithQueued(statuses: readonly string[]): string[] {
    // The sender asks for every queued status: the per-spacecraft counts answer without a scan.
    if (this.queuedStatuses.every((s) => statuses.includes(s))) {
      const found: string[] = [];
      for (const [spacecraftId, count] of this.queuedPerSpacecraft) if (count > 0) found.push(spacecraftId);
      return found.sort();
    }
    const found = new Set<string>();
    for (const slot of this.allSlots()) {
      if (slot.queued && statuses.includes(slot.command.status)) found.add(slot.command.spacecraftId);
    }
    return [...found].sort();
  }

  nextNotBefore(statuses: readonly string[], now: Instant): Instant | null {
    if (now < this.latestNow) return this.scanNextNotBefore(statuses, now);
    this.latestNow = now;
    for (let top = this.upcoming.peek(); top; top = this.upcoming.peek()) {
      const c = top.slot.command;
      const live = top.slot.queued && c.notBefore === top.notBefore;
      if (live && top.notBefore > now) {
        return statuses.includes(c.status) ? top.notBefore : this.scanNextNotBefore(statuses, now);
      }
      this.upcoming.pop();
    }
    return null;
  }

  private scanNextNotBefore(statuses: readonly string[], now: Instant): Instant | null {
    let next: Instant | null = null;
    for (const { command: c } of this.withNotBefore) {
      if (!statuses.includes(c.status) || c.notBefore === null || c.notBefore <= now) continue;
      if (next === null || c.notBefore < next) next = c.notBefore;
    }
    return next;
  }

  private enqueue(slot: DispatchSlot): void {
    const entry: QueueEntry = { slot, command: slot.command };
    slot.entry = entry;
    let heap = this.queues.get(slot.command.spacecraftId);
    if (!heap) {
      heap = new MinHeap(dispatchBefore);
      this.queues.set(slot.command.spacecraftId, heap);
    }
    heap.push(entry);
  }

  private dropLease(slot: DispatchSlot): void {
    if (slot.lease === null) return;
    slot.lease = null;
    this.leased.delete(slot);
  }

  /** The heap whose first live entry comes first; stale tops are dropped on the way. */
  private bestHeap(heaps: readonly MinHeap<QueueEntry>[]): MinHeap<QueueEntry> | null {
    let best: MinHeap<QueueEntry> | null = null;
    let bestTop: QueueEntry | undefined;
    for (const heap of heaps) {
      let top = heap.peek();
      while (top && !isLive(top)) {
        heap.pop();
        top = heap.peek();
      }
      if (top && (!bestTop || dispatchBefore(top, bestTop))) {
        best = heap;
        bestTop = top;
      }
    }
    return best;
  }

  private expireLeases(now: Instant): void {
    for (
      let lease = this.leaseExpiries.peek();
      lease && lease.until <= now;
      lease = this.leaseExpiries.peek()
    ) {
      this.leaseExpiries.pop();
      const { slot } = lease;
      if (slot.lease !== lease) continue;
      this.dropLease(slot);
      if (slot.queued) this.enqueue(slot);
    }
  }

  private bumpSpacecraft(spacecraftId: string, by: number): void {
    // Counts stay at zero rather than being deleted: a spacecraft's queue empties and refills
    // with every command, and delete/set churn on the map showed in the profile.
    this.queuedPerSpacecraft.set(spacecraftId, (this.queuedPerSpacecraft.get(spacecraftId) ?? 0) + by);
  }
}
