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
import { DispatchIndex } from "./dispatch-index.js";
import { decodeCursor, encodeCursor } from "./list-cursor.js";

export interface InMemoryRepositoryOptions {
  /**
   * Keep the global event log that `historyAfter` reads (default true). A long simulation can
   * turn it off to save memory.
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
}

/**
 * A deterministic, in-process repository: the reference adapter for the contract suite, the
 * embedding example and the simulator. Every method is atomic because nothing here awaits.
 */
export class InMemoryTelecommandRepository implements TelecommandRepository {
  private readonly commands = new Map<string, Telecommand>();
  /** Ordered by (createdAt, id) ascending; lists read it backwards. */
  private readonly ordered: Telecommand[] = [];
  private readonly histories = new Map<string, HistoryEntry[]>();
  private readonly eventLog: HistoryEntry[] = [];
  private readonly idempotency = new Map<string, { fingerprint: string; id: string }>();
  private readonly dispatch: DispatchIndex;
  private readonly deadlines = new Map<string, Instant>();
  private readonly counts = new Map<string, number>();
  private readonly queuedStatuses: ReadonlySet<string>;
  private nextEventId = 1;
  private readonly keepEventLog: boolean;
  private readonly keepHistory: boolean;
  /** Entries per command when histories are not kept. */
  private readonly historyLengths = new Map<string, number>();

  constructor(options: InMemoryRepositoryOptions = {}) {
    this.keepEventLog = options.keepEventLog ?? true;
    this.keepHistory = options.keepHistory ?? true;
    this.queuedStatuses = new Set(options.queuedStatuses ?? ["ready"]);
    this.dispatch = new DispatchIndex([...this.queuedStatuses]);
  }

  async insert(
    command: Telecommand,
    idempotency?: IdempotencyClaim,
    source: TransitionSource = "operator",
  ): Promise<InsertResult> {
    if (idempotency) {
      const known = this.idempotency.get(idempotency.key);
      if (known) {
        if (known.fingerprint !== idempotency.fingerprint)
          throw new IdempotencyConflictError(idempotency.key, known.id);
        return { command: this.commands.get(known.id) as Telecommand, created: false, entry: null };
      }
    }
    // Storing it again would reset its history; ids come from uuidV7, so this is a caller's bug.
    if (this.commands.has(command.id)) throw new Error(`telecommand ${command.id} already exists`);
    if (idempotency)
      this.idempotency.set(idempotency.key, { fingerprint: idempotency.fingerprint, id: command.id });
    this.commands.set(command.id, command);
    this.insertOrdered(command);
    if (this.keepHistory) this.histories.set(command.id, []);
    this.bump(command.status, 1);
    if (this.queuedStatuses.has(command.status)) this.dispatch.put(command);
    const entry = this.appendHistory(
      command.id,
      null,
      command.status,
      command.createdAt,
      null,
      source,
      false,
    );
    return { command, created: true, entry };
  }

  async get(id: string): Promise<Telecommand | null> {
    return this.commands.get(id) ?? null;
  }

  async list(query: ListQuery): Promise<Page<Telecommand>> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const items: Telecommand[] = [];
    let i = this.ordered.length - 1;
    if (after) {
      i = this.lowerBound(after.createdAt, after.id) - 1;
    }
    let more = false;
    for (; i >= 0; i--) {
      const c = this.ordered[i] as Telecommand;
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

  async transition(change: TransitionChange): Promise<TransitionOutcome> {
    return this.applyChange(change);
  }

  async transitionBatch(changes: readonly TransitionChange[]): Promise<TransitionOutcome[]> {
    return changes.map((c) => this.applyChange(c));
  }

  async recordIgnored(event: IgnoredEvent): Promise<HistoryEntry | null> {
    const command = this.commands.get(event.id);
    if (!command) return null;
    return this.appendHistory(
      event.id,
      command.status,
      command.status,
      event.at,
      event.reason,
      event.source,
      true,
    );
  }

  async claim(request: ClaimRequest): Promise<Telecommand[]> {
    return this.dispatch.claim(request);
  }

  async release(owner: string, ids?: readonly string[]): Promise<void> {
    this.dispatch.release(owner, ids);
  }

  async spacecraftWithQueued(statuses: readonly string[]): Promise<string[]> {
    return this.dispatch.spacecraftWithQueued(statuses);
  }

  async nextNotBefore(statuses: readonly string[], now: Instant): Promise<Instant | null> {
    return this.dispatch.nextNotBefore(statuses, now);
  }

  async overdue(now: Instant, limit: number): Promise<Telecommand[]> {
    const due: Telecommand[] = [];
    for (const [id, deadline] of this.deadlines) {
      if (deadline <= now) due.push(this.commands.get(id) as Telecommand);
    }
    due.sort((a, b) => (a.deadline as number) - (b.deadline as number) || compareIds(a.id, b.id));
    return due.slice(0, limit);
  }

  async history(id: string): Promise<HistoryEntry[]> {
    return [...(this.histories.get(id) ?? [])];
  }

  async historyAfter(after: number, limit: number): Promise<HistoryEntry[]> {
    let lo = 0;
    let hi = this.eventLog.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.eventLog[mid] as HistoryEntry).eventId <= after) lo = mid + 1;
      else hi = mid;
    }
    return this.eventLog.slice(lo, lo + limit);
  }

  async countByStatus(): Promise<Record<string, number>> {
    return Object.fromEntries([...this.counts].filter(([, n]) => n > 0));
  }

  private applyChange(change: TransitionChange): TransitionOutcome {
    const current = this.commands.get(change.id);
    if (!current || current.version !== change.expectedVersion || current.status !== change.from) {
      return { ok: false, current: current ?? null };
    }
    const command = applyTransitionChange(current, change);
    this.commands.set(command.id, command);
    this.replaceOrdered(current, command);
    this.bump(current.status, -1);
    this.bump(command.status, 1);
    if (this.queuedStatuses.has(command.status)) this.dispatch.put(command);
    else this.dispatch.remove(command.id);
    if (command.deadline === null) this.deadlines.delete(command.id);
    else this.deadlines.set(command.id, command.deadline);
    const entry = this.appendHistory(
      command.id,
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
    commandId: string,
    from: string | null,
    to: string,
    at: Instant,
    reason: string | null,
    source: TransitionSource,
    ignored: boolean,
  ): HistoryEntry {
    const history = this.keepHistory ? (this.histories.get(commandId) as HistoryEntry[]) : null;
    const seq = history ? history.length + 1 : (this.historyLengths.get(commandId) ?? 0) + 1;
    const entry: HistoryEntry = {
      eventId: this.nextEventId++,
      commandId,
      seq,
      from,
      to,
      at,
      reason,
      source,
      ignored,
    };
    if (history) history.push(entry);
    else this.historyLengths.set(commandId, seq);
    if (this.keepEventLog) this.eventLog.push(entry);
    return entry;
  }

  private bump(status: string, by: number): void {
    this.counts.set(status, (this.counts.get(status) ?? 0) + by);
  }

  private insertOrdered(command: Telecommand): void {
    const at = this.lowerBound(command.createdAt, command.id);
    if (at === this.ordered.length) this.ordered.push(command);
    else this.ordered.splice(at, 0, command);
  }

  private replaceOrdered(previous: Telecommand, next: Telecommand): void {
    const at = this.lowerBound(previous.createdAt, previous.id);
    this.ordered[at] = next;
  }

  /** The first index whose (createdAt, id) is not below the given key. */
  private lowerBound(createdAt: Instant, id: string): number {
    let lo = 0;
    let hi = this.ordered.length;
    // Commands usually arrive in order: check the end first.
    const last = this.ordered[hi - 1];
    if (!last || last.createdAt < createdAt || (last.createdAt === createdAt && compareIds(last.id, id) < 0))
      return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.ordered[mid] as Telecommand;
      if (c.createdAt < createdAt || (c.createdAt === createdAt && compareIds(c.id, id) < 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The command after a change, built field by field: spreading a varying `stamps` object gives
 * results many hidden classes, and this function led the core benchmark's profile.
 */
export function applyTransitionChange(current: Telecommand, change: TransitionChange): Telecommand {
  const stamps = change.stamps;
  return {
    id: current.id,
    spacecraftId: current.spacecraftId,
    name: current.name,
    args: current.args,
    priority: current.priority,
    status: change.to,
    failureReason: change.failureReason,
    createdAt: current.createdAt,
    updatedAt: change.at,
    transmittedAt: stamps.transmittedAt ?? current.transmittedAt,
    acknowledgedAt: stamps.acknowledgedAt ?? current.acknowledgedAt,
    executedAt: stamps.executedAt ?? current.executedAt,
    failedAt: stamps.failedAt ?? current.failedAt,
    cancelledAt: stamps.cancelledAt ?? current.cancelledAt,
    notBefore: current.notBefore,
    notAfter: current.notAfter,
    deadline: change.deadline,
    version: current.version + 1,
  };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Highest priority first, then oldest, then by id: the sender's order (SPEC §2). */
export function byDispatchOrder(a: Telecommand, b: Telecommand): number {
  return b.priority - a.priority || a.createdAt - b.createdAt || compareIds(a.id, b.id);
}
