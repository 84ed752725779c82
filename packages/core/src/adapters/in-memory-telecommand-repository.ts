import type { Awaitable } from "../awaitable.js";
import { changedCommand } from "../changed-command.js";
import { DEFAULT_DISPATCH_ORDER, type DispatchOrder } from "../decisions/dispatch-order.js";
import { IdempotencyConflictError } from "../errors.js";
import type {
  ClaimRequest,
  IdempotencyClaim,
  IgnoredEvent,
  InsertResult,
  ListQuery,
  TelecommandRepository,
  TransitionChange,
  TransitionOutcome,
} from "../ports/telecommand-repository.js";
import type { HistoryEntry, Instant, Page, Telecommand, TransitionSource } from "../types.js";
import { DispatchIndex, type DispatchSlot } from "./dispatch-index.js";
import { HistoryLog } from "./history-log.js";
import { decodeCursor, encodeCursor } from "./list-cursor.js";

export interface InMemoryRepositoryOptions {
  /**
   * Keep the global event log that `historyAfter` reads (default true). It shares its storage
   * with the histories, so it saves memory only when `keepHistory` is off as well.
   */
  readonly keepEventLog?: boolean;
  /**
   * Keep each command's history for `history()` (default true). A simulation of a million
   * commands, which reads history from the published transitions, turns it off to save most of
   * its memory: `history()` then returns nothing, and only each command's entry count is kept,
   * so that `seq` still counts from 1.
   */
  readonly keepHistory?: boolean;
  /** The lifecycle's queued statuses, kept in the claim index (default `["ready"]`). */
  readonly queuedStatuses?: readonly string[];
  /** The order claims take commands in (default {@link DEFAULT_DISPATCH_ORDER}, SPEC §2's). */
  readonly dispatchOrder?: DispatchOrder;
}

/** A status's command count, and whether the claim index holds it. */
interface StatusTally {
  count: number;
  readonly queued: boolean;
}

/** Everything the repository keeps about one command. */
interface Slot extends DispatchSlot {
  /** The index of the command's last row in the history log; -1 when none is kept. */
  lastEvent: number;
  historyLength: number;
}

/**
 * A deterministic, in-process repository: the reference adapter for the contract suite, the
 * embedding example and the simulator. Every method answers at once (and throws its errors at
 * once), so core's services run synchronously on it; every method is atomic because nothing
 * here waits. Each command lives in one slot (its current version, history and claim state),
 * so that a transition costs one map lookup.
 */
export class InMemoryTelecommandRepository implements TelecommandRepository {
  private readonly slots = new Map<string, Slot>();
  /** Ordered by (createdAt, id) ascending; lists read it backwards. */
  private readonly ordered: Slot[] = [];
  /** Every event, when either histories or the event log are kept. */
  private readonly log: HistoryLog | null;
  private readonly idempotency = new Map<string, { fingerprint: string; id: string }>();
  private readonly dispatch: DispatchIndex;
  private readonly withDeadline = new Set<Slot>();
  /** What the repository keeps per status: one map lookup answers both questions. */
  private readonly statuses = new Map<string, StatusTally>();
  private readonly queuedStatuses: ReadonlySet<string>;
  private nextEventId = 1;
  private readonly keepEventLog: boolean;
  private readonly keepHistory: boolean;

  constructor(options: InMemoryRepositoryOptions = {}) {
    this.keepEventLog = options.keepEventLog ?? true;
    this.keepHistory = options.keepHistory ?? true;
    this.log = this.keepEventLog || this.keepHistory ? new HistoryLog() : null;
    this.queuedStatuses = new Set(options.queuedStatuses ?? ["ready"]);
    this.dispatch = new DispatchIndex(
      [...this.queuedStatuses],
      (id) => this.slots.get(id),
      () => this.slots.values(),
      options.dispatchOrder ?? DEFAULT_DISPATCH_ORDER,
    );
  }

  insert(
    command: Telecommand,
    idempotency?: IdempotencyClaim,
    source: TransitionSource = "operator",
  ): Awaitable<InsertResult> {
    if (idempotency) {
      const known = this.idempotency.get(idempotency.key);
      if (known) {
        if (known.fingerprint !== idempotency.fingerprint)
          throw new IdempotencyConflictError(idempotency.key, known.id);
        return { command: (this.slots.get(known.id) as Slot).command, created: false, entry: null };
      }
    }
    const slot: Slot = {
      command,
      queued: false,
      inHeap: false,
      lease: null,
      queue: null,
      lastEvent: -1,
      historyLength: 0,
    };
    // One probe of the map instead of a lookup and then a store: on a map of a few hundred
    // thousand commands each costs a cache miss, and this showed in the core benchmark.
    const size = this.slots.size;
    this.slots.set(command.id, slot);
    if (this.slots.size === size) {
      // Storing it again would reset its history; ids come from uuidV7, so this is a caller's bug.
      this.slots.set(command.id, this.ordered.find((s) => s.command.id === command.id) as Slot);
      throw new Error(`telecommand ${command.id} already exists`);
    }
    if (idempotency)
      this.idempotency.set(idempotency.key, { fingerprint: idempotency.fingerprint, id: command.id });
    this.insertOrdered(slot);
    const tally = this.tallyOf(command.status);
    tally.count++;
    if (tally.queued) this.dispatch.put(slot);
    if (command.deadline !== null) this.withDeadline.add(slot);
    const entry = this.appendHistory(slot, null, command.status, command.createdAt, null, source, false);
    return { command, created: true, entry };
  }

  get(id: string): Awaitable<Telecommand | null> {
    return this.slots.get(id)?.command ?? null;
  }

  list(query: ListQuery): Awaitable<Page<Telecommand>> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const items: Telecommand[] = [];
    let i = after ? this.lowerBound(after.createdAt, after.id) - 1 : this.ordered.length - 1;
    let more = false;
    for (; i >= 0; i--) {
      const c = (this.ordered[i] as Slot).command;
      if (query.status !== undefined && c.status !== query.status) continue;
      if (query.spacecraftId !== undefined && c.spacecraftId !== query.spacecraftId) continue;
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(c);
    }
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null };
  }

  transitionBatch(changes: readonly TransitionChange[]): Awaitable<TransitionOutcome[]> {
    return changes.map((c) => this.transitionNow(c));
  }

  recordIgnored(event: IgnoredEvent): Awaitable<HistoryEntry | null> {
    const slot = this.slots.get(event.id);
    if (!slot) return null;
    const status = slot.command.status;
    return this.appendHistory(slot, status, status, event.at, event.reason, event.source, true);
  }

  claim(request: ClaimRequest): Awaitable<Telecommand[]> {
    return this.dispatch.claim(request);
  }

  release(owner: string, ids?: readonly string[]): Awaitable<void> {
    this.dispatch.release(owner, ids);
  }

  spacecraftWithQueued(statuses: readonly string[]): Awaitable<string[]> {
    return this.dispatch.spacecraftWithQueued(statuses);
  }

  nextNotBefore(statuses: readonly string[], now: Instant): Awaitable<Instant | null> {
    return this.dispatch.nextNotBefore(statuses, now);
  }

  overdue(now: Instant, limit: number): Awaitable<Telecommand[]> {
    const due: Telecommand[] = [];
    for (const { command } of this.withDeadline) {
      if ((command.deadline as number) <= now) due.push(command);
    }
    due.sort((a, b) => (a.deadline as number) - (b.deadline as number) || compareIds(a.id, b.id));
    return due.slice(0, limit);
  }

  history(id: string): Awaitable<HistoryEntry[]> {
    const slot = this.slots.get(id);
    return slot && this.log && this.keepHistory ? this.log.commandHistory(slot.lastEvent) : [];
  }

  historyAfter(after: number, limit: number): Awaitable<HistoryEntry[]> {
    return this.log && this.keepEventLog ? this.log.after(after, limit) : [];
  }

  countByStatus(): Awaitable<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [status, { count }] of this.statuses) if (count > 0) counts[status] = count;
    return counts;
  }

  transition(change: TransitionChange): Awaitable<TransitionOutcome> {
    return this.transitionNow(change);
  }

  // Each method answers at once; they are typed as the port's Awaitable answers so that a
  // subclass (a test double) may answer with promises instead.
  private transitionNow(change: TransitionChange): TransitionOutcome {
    const slot = this.slots.get(change.id);
    const current = slot?.command;
    if (!slot || !current || current.version !== change.expectedVersion || current.status !== change.from) {
      return { ok: false, current: current ?? null };
    }
    const command = changedCommand(current, change);
    slot.command = command;
    this.tallyOf(current.status).count--;
    const tally = this.tallyOf(command.status);
    tally.count++;
    if (tally.queued) this.dispatch.put(slot);
    else this.dispatch.remove(slot);
    if (command.deadline !== null) this.withDeadline.add(slot);
    else if (current.deadline !== null) this.withDeadline.delete(slot);
    const entry = this.appendHistory(
      slot,
      change.from,
      change.to,
      change.at,
      change.reason,
      change.source,
      false,
    );
    return { ok: true, command, entry };
  }

  private appendHistory(
    slot: Slot,
    from: string | null,
    to: string,
    at: Instant,
    reason: string | null,
    source: TransitionSource,
    ignored: boolean,
  ): HistoryEntry {
    const entry: HistoryEntry = {
      eventId: this.nextEventId++,
      commandId: slot.command.id,
      seq: ++slot.historyLength,
      from,
      to,
      at,
      reason,
      source,
      ignored,
    };
    if (this.log) slot.lastEvent = this.log.append(entry, slot.lastEvent);
    return entry;
  }

  private tallyOf(status: string): StatusTally {
    let tally = this.statuses.get(status);
    if (!tally) {
      tally = { count: 0, queued: this.queuedStatuses.has(status) };
      this.statuses.set(status, tally);
    }
    return tally;
  }

  private insertOrdered(slot: Slot): void {
    const at = this.lowerBound(slot.command.createdAt, slot.command.id);
    if (at === this.ordered.length) this.ordered.push(slot);
    else this.ordered.splice(at, 0, slot);
  }

  /** The first index whose (createdAt, id) is not below the given key. */
  private lowerBound(createdAt: Instant, id: string): number {
    let lo = 0;
    let hi = this.ordered.length;
    // Commands usually arrive in order: check the end first.
    const last = this.ordered[hi - 1];
    if (!last || sortsBefore(last.command, createdAt, id)) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortsBefore((this.ordered[mid] as Slot).command, createdAt, id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function sortsBefore(c: Telecommand, createdAt: Instant, id: string): boolean {
  return c.createdAt < createdAt || (c.createdAt === createdAt && c.id < id);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Highest priority first, then oldest, then by id: the sender's order (SPEC §2). */
export function byDispatchOrder(a: Telecommand, b: Telecommand): number {
  return DEFAULT_DISPATCH_ORDER.compare(a, b);
}
