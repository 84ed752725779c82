import type { ClaimRequest } from "../ports/telecommand-repository.js";
import type { Instant, Telecommand } from "../types.js";
import { MinHeap } from "./min-heap.js";

interface QueueEntry {
  readonly command: Telecommand;
}

interface Lease {
  readonly id: string;
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

/**
 * The in-memory repository's claim index: one heap per spacecraft in dispatch order (priority,
 * then age, then id) holding the queued commands nobody has leased, and a heap of lease
 * expiries. A claim touches only what it takes, so a queue of leased commands waiting out their
 * transmit delay costs nothing. Entries are removed lazily: an entry counts only while it is the
 * command's current one.
 */
export class DispatchIndex {
  private readonly queues = new Map<string, MinHeap<QueueEntry>>();
  /** The current entry of each queued, unleased command. */
  private readonly current = new Map<string, QueueEntry>();
  /** Every queued command (leased or not), by id. */
  private readonly queued = new Map<string, Telecommand>();
  private readonly queuedPerSpacecraft = new Map<string, number>();
  private readonly withNotBefore = new Set<string>();
  private readonly leases = new Map<string, Lease>();
  private readonly leaseExpiries = new MinHeap<Lease>((a, b) => a.until < b.until);

  /** @param queuedStatuses the statuses this index holds (the lifecycle's queued statuses). */
  constructor(private readonly queuedStatuses: readonly string[]) {}

  /** A command entered (or stays in) a queued status: indexed again, unleased. */
  put(command: Telecommand): void {
    const known = this.queued.has(command.id);
    this.queued.set(command.id, command);
    if (!known) this.bumpSpacecraft(command.spacecraftId, 1);
    this.leases.delete(command.id);
    if (command.notBefore !== null) this.withNotBefore.add(command.id);
    else this.withNotBefore.delete(command.id);
    this.enqueue(command);
  }

  /** A command left the queued statuses. */
  remove(id: string): void {
    const command = this.queued.get(id);
    if (!command) return;
    this.queued.delete(id);
    this.bumpSpacecraft(command.spacecraftId, -1);
    this.current.delete(id);
    this.leases.delete(id);
    this.withNotBefore.delete(id);
  }

  claim(request: ClaimRequest): Telecommand[] {
    this.expireLeases(request.now);
    const statuses = request.statuses;
    const heaps: MinHeap<QueueEntry>[] = [];
    for (const spacecraftId of request.spacecraftIds ?? this.queues.keys()) {
      const heap = this.queues.get(spacecraftId);
      if (heap && heap.size > 0) heaps.push(heap);
    }
    const claimed: Telecommand[] = [];
    const setAside: [MinHeap<QueueEntry>, QueueEntry][] = [];
    while (claimed.length < request.limit) {
      const heap = this.bestHeap(heaps);
      if (!heap) break;
      const entry = heap.pop() as QueueEntry;
      const command = entry.command;
      if (
        !statuses.includes(command.status) ||
        (command.notBefore !== null && command.notBefore > request.now)
      ) {
        setAside.push([heap, entry]);
        continue;
      }
      this.current.delete(command.id);
      const lease: Lease = { id: command.id, owner: request.owner, until: request.now + request.leaseMs };
      this.leases.set(command.id, lease);
      this.leaseExpiries.push(lease);
      claimed.push(command);
    }
    for (const [heap, entry] of setAside) heap.push(entry);
    return claimed;
  }

  release(owner: string, ids?: readonly string[]): void {
    const targets = ids ?? [...this.leases.keys()];
    for (const id of targets) {
      const lease = this.leases.get(id);
      if (lease?.owner !== owner) continue;
      this.leases.delete(id);
      const command = this.queued.get(id);
      if (command) this.enqueue(command);
    }
  }

  spacecraftWithQueued(statuses: readonly string[]): string[] {
    const found: string[] = [];
    for (const [spacecraftId, count] of this.queuedPerSpacecraft) {
      if (count > 0 && this.anyQueued(spacecraftId, statuses)) found.push(spacecraftId);
    }
    return found.sort();
  }

  nextNotBefore(statuses: readonly string[], now: Instant): Instant | null {
    let next: Instant | null = null;
    for (const id of this.withNotBefore) {
      const c = this.queued.get(id) as Telecommand;
      if (!statuses.includes(c.status) || c.notBefore === null || c.notBefore <= now) continue;
      if (next === null || c.notBefore < next) next = c.notBefore;
    }
    return next;
  }

  private anyQueued(spacecraftId: string, statuses: readonly string[]): boolean {
    // The sender asks for every queued status: the per-spacecraft count answers without a scan.
    if (this.queuedStatuses.every((s) => statuses.includes(s))) return true;
    for (const c of this.queued.values()) {
      if (c.spacecraftId === spacecraftId && statuses.includes(c.status)) return true;
    }
    return false;
  }

  private enqueue(command: Telecommand): void {
    const entry: QueueEntry = { command };
    this.current.set(command.id, entry);
    let heap = this.queues.get(command.spacecraftId);
    if (!heap) {
      heap = new MinHeap(dispatchBefore);
      this.queues.set(command.spacecraftId, heap);
    }
    heap.push(entry);
  }

  /** The heap whose first live entry comes first; stale tops are dropped on the way. */
  private bestHeap(heaps: readonly MinHeap<QueueEntry>[]): MinHeap<QueueEntry> | null {
    let best: MinHeap<QueueEntry> | null = null;
    let bestTop: QueueEntry | undefined;
    for (const heap of heaps) {
      let top = heap.peek();
      while (top && this.current.get(top.command.id) !== top) {
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
      if (this.leases.get(lease.id) !== lease) continue;
      this.leases.delete(lease.id);
      const command = this.queued.get(lease.id);
      if (command) this.enqueue(command);
    }
  }

  private bumpSpacecraft(spacecraftId: string, by: number): void {
    const n = (this.queuedPerSpacecraft.get(spacecraftId) ?? 0) + by;
    if (n === 0) this.queuedPerSpacecraft.delete(spacecraftId);
    else this.queuedPerSpacecraft.set(spacecraftId, n);
  }
}
