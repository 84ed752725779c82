import type { Awaitable } from "../awaitable.js";
import { changedCommand } from "../changed-command.js";
import { DEFAULT_DISPATCH_ORDER, type DispatchOrder } from "../decisions/dispatch-order.js";
import { IdempotencyConflictError } from "../errors.js";
import { decodeCursor, encodeCursor } from "../list-cursor.js";
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
import type { HistoryEntry, HistoryKind, Instant, Page, Telecommand, TransitionSource } from "../types.js";
import { CommandColumns, initialRows } from "./command-columns.js";
import { DispatchIndex } from "./dispatch-index.js";
import { HistoryLog } from "./history-log.js";
import { RecentCopies } from "./recent-copies.js";
import { widened } from "./typed-arrays.js";

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
  /**
   * Statuses whose commands' latest copies the repository keeps for a while (default none): a
   * command reported on soon after its transition (a simulation's transmitted and acknowledged
   * commands) is then read back as the copy that transition made, equal to a fresh read and not
   * built again. The copies sit in a small table by row, so one may be gone; a read then builds
   * the command as it would without them.
   */
  readonly recentStatuses?: readonly string[];
  /**
   * How many commands the repository will likely hold (default 1024): its columns make room for
   * that many at once instead of doubling as they fill, which saves the doublings' copies and the
   * freed blocks the allocator may keep. More are still accepted.
   */
  readonly expectedCommands?: number;
}

/**
 * A deterministic, in-process repository: the reference adapter for the contract suite, the
 * embedding example and the simulator. Every method answers at once (and throws its errors at
 * once), so core's services run synchronously on it; every method is atomic because nothing
 * here waits. Commands are kept as columns, one row each ({@link CommandColumns}), and built
 * as objects when read: a million of them fit in about a quarter of what objects cost.
 */
export class InMemoryTelecommandRepository implements TelecommandRepository {
  private readonly columns: CommandColumns;
  /** Rows ordered by (createdAt, id) ascending; lists read it backwards. */
  private ordered: Int32Array;
  private orderedCount = 0;
  /** Each row's history entries so far (its next entry's `seq` is one more). */
  private historyLengths: Uint32Array;
  /** Each row's last entry in the log (-1: none), when the log is kept. */
  private lastEvents: Int32Array | null;
  /** Every event, when either histories or the event log are kept. */
  private readonly log: HistoryLog | null;
  private readonly idempotency = new Map<string, { fingerprint: string; id: string }>();
  private readonly dispatch: DispatchIndex;
  /** Per status code: its command count, and whether the claim index holds it. */
  private readonly counts: number[] = [0];
  private readonly queuedCodes: boolean[] = [false];
  private readonly queuedStatuses: ReadonlySet<string>;
  private nextEventId = 1;
  private readonly recent: RecentCopies | null;
  private readonly keepEventLog: boolean;
  private readonly keepHistory: boolean;

  constructor(options: InMemoryRepositoryOptions = {}) {
    this.keepEventLog = options.keepEventLog ?? true;
    this.keepHistory = options.keepHistory ?? true;
    const rows = initialRows(options.expectedCommands);
    this.columns = new CommandColumns(rows);
    this.ordered = new Int32Array(rows);
    this.historyLengths = new Uint32Array(rows);
    this.log = this.keepEventLog || this.keepHistory ? new HistoryLog() : null;
    this.lastEvents = this.log ? new Int32Array(rows) : null;
    this.queuedStatuses = new Set(options.queuedStatuses ?? ["ready"]);
    const recent = options.recentStatuses ?? [];
    this.recent = recent.length === 0 ? null : new RecentCopies(recent, this.columns);
    this.dispatch = new DispatchIndex(
      [...this.queuedStatuses],
      this.columns,
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
        return {
          command: this.columns.read(this.columns.rowOf(known.id)),
          created: false,
          entry: null,
        };
      }
    }
    const columns = this.columns;
    // Ids come from uuidV7, so a repeat is a caller's bug: refused, with nothing changed.
    const row = columns.add(command);
    if (row < 0) throw new Error(`telecommand ${command.id} already exists`);
    if (idempotency)
      this.idempotency.set(idempotency.key, { fingerprint: idempotency.fingerprint, id: command.id });
    this.growRows(row);
    this.insertOrdered(row);
    const status = columns.status[row] as number;
    this.count(status, 1);
    if (this.queuedCodes[status]) this.dispatch.put(row);
    const entry = this.appendHistory(
      row,
      null,
      command.status,
      command.createdAt,
      null,
      source,
      command.submittedBy,
      false,
    );
    return { command, created: true, entry };
  }

  get(id: string): Awaitable<Telecommand | null> {
    const row = this.columns.rowOf(id);
    if (row < 0) return null;
    return this.recent?.copyOf(row) ?? this.columns.read(row);
  }

  list(query: ListQuery): Awaitable<Page<Telecommand>> {
    const columns = this.columns;
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const status = query.status === undefined ? 0 : columns.statuses.find(query.status);
    const spacecraft = query.spacecraftId === undefined ? 0 : columns.spacecraftCode(query.spacecraftId);
    const items: Telecommand[] = [];
    if (status < 0 || spacecraft < 0) return { items, nextCursor: null };
    let i = after ? this.lowerBound(after.createdAt, after.id) - 1 : this.orderedCount - 1;
    let more = false;
    for (; i >= 0; i--) {
      const row = this.ordered[i] as number;
      if (status > 0 && columns.status[row] !== status) continue;
      if (spacecraft > 0 && columns.spacecraft[row] !== spacecraft) continue;
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(columns.read(row));
    }
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null };
  }

  transition(change: TransitionChange, before?: Telecommand): Awaitable<TransitionOutcome> {
    return this.transitionNow(change, before);
  }

  recordIgnored(event: IgnoredEvent): Awaitable<HistoryEntry | null> {
    const row = this.columns.rowOf(event.id);
    if (row < 0) return null;
    const status = this.columns.statusOf(row);
    const comment = event.kind === "comment";
    return this.appendHistory(
      row,
      status,
      status,
      event.at,
      event.reason,
      event.source,
      event.actor,
      !comment,
      comment ? "comment" : "transition",
    );
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
    // A scan: only sweeps ask (the server's, on its own repository), never a transition's path.
    const columns = this.columns;
    const due: number[] = [];
    for (let row = 0; row < columns.size; row++) if (columns.deadlineOf(row) <= now) due.push(row);
    const ids = this.columns.ids;
    due.sort(
      (a, b) =>
        columns.deadlineOf(a) - columns.deadlineOf(b) || compareIds(ids[a] as string, ids[b] as string),
    );
    return due.slice(0, limit).map((row) => this.columns.read(row));
  }

  history(id: string): Awaitable<HistoryEntry[]> {
    return this.historyNow(id);
  }

  histories(ids: readonly string[]): Awaitable<HistoryEntry[][]> {
    return ids.map((id) => this.historyNow(id));
  }

  historyAfter(after: number, limit: number): Awaitable<HistoryEntry[]> {
    return this.log && this.keepEventLog ? this.log.after(after, limit) : [];
  }

  countByStatus(): Awaitable<Record<string, number>> {
    const counts: Record<string, number> = {};
    this.counts.forEach((n, code) => {
      if (n > 0) counts[this.columns.statuses.value(code) as string] = n;
    });
    return counts;
  }

  // Each method answers at once; they are typed as the port's Awaitable answers so that a
  // subclass (a test double) may answer with promises instead.
  private transitionNow(change: TransitionChange, before?: Telecommand): TransitionOutcome {
    const columns = this.columns;
    const row = columns.rowOf(change.id);
    if (row < 0) return { ok: false, current: null };
    if (!columns.matches(row, change)) return { ok: false, current: columns.read(row) };
    const from = columns.status[row] as number;
    const to = columns.statuses.code(change.to);
    this.count(from, -1);
    this.count(to, 1);
    columns.apply(row, change);
    // A held command stays in its queued status, out of the claim index (SPEC §10).
    const queued = this.queuedCodes[to] === true && columns.held[row] === 0;
    // The caller's copy at the version the change expects is what the row held: the command
    // the change leaves is built from it, cheaper than decoding the row's columns again.
    const command =
      before !== undefined && before.version === change.expectedVersion && before.id === change.id
        ? changedCommand(before, change)
        : columns.read(row);
    if (queued) this.dispatch.put(row);
    else this.dispatch.remove(row);
    this.recent?.keep(row, to, command);
    const entry = this.appendHistory(
      row,
      change.from,
      change.to,
      change.at,
      change.reason,
      change.source,
      change.actor,
      false,
      change.kind ?? "transition",
    );
    return { ok: true, command, entry };
  }

  private historyNow(id: string): HistoryEntry[] {
    const row = this.columns.rowOf(id);
    return row >= 0 && this.log && this.lastEvents && this.keepHistory
      ? this.log.commandHistory(this.lastEvents[row] as number)
      : [];
  }

  private count(status: number, by: number): void {
    if (status >= this.counts.length) {
      for (let code = this.counts.length; code <= status; code++) {
        this.counts.push(0);
        this.queuedCodes.push(this.queuedStatuses.has(this.columns.statuses.value(code) as string));
      }
    }
    this.counts[status] = (this.counts[status] as number) + by;
  }

  private appendHistory(
    row: number,
    from: string | null,
    to: string,
    at: Instant,
    reason: string | null,
    source: TransitionSource,
    actor: string,
    ignored: boolean,
    kind: HistoryKind = "transition",
  ): HistoryEntry {
    const seq = (this.historyLengths[row] as number) + 1;
    this.historyLengths[row] = seq;
    const entry: HistoryEntry = {
      eventId: this.nextEventId++,
      commandId: this.columns.ids[row] as string,
      seq,
      from,
      to,
      at,
      reason,
      source,
      actor,
      ignored,
      kind,
    };
    if (this.log && this.lastEvents)
      this.lastEvents[row] = this.log.append(entry, this.lastEvents[row] as number);
    return entry;
  }

  /** Makes room for a new row in the per-row arrays. */
  private growRows(row: number): void {
    if (this.lastEvents) {
      if (row >= this.lastEvents.length)
        this.lastEvents = widened(this.lastEvents, this.lastEvents.length * 2);
      this.lastEvents[row] = -1;
    }
    if (row >= this.historyLengths.length)
      this.historyLengths = widened(this.historyLengths, this.historyLengths.length * 2);
    if (row >= this.ordered.length) this.ordered = widened(this.ordered, this.ordered.length * 2);
  }

  private insertOrdered(row: number): void {
    const columns = this.columns;
    const at = this.lowerBound(columns.createdAt[row] as number, columns.ids[row] as string);
    if (at < this.orderedCount) this.ordered.copyWithin(at + 1, at, this.orderedCount);
    this.ordered[at] = row;
    this.orderedCount++;
  }

  /** The first position in {@link ordered} whose (createdAt, id) is not below the given key. */
  private lowerBound(createdAt: Instant, id: string): number {
    let lo = 0;
    let hi = this.orderedCount;
    // Commands usually arrive in order: check the end first.
    if (hi === 0 || this.sortsBefore(this.ordered[hi - 1] as number, createdAt, id)) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sortsBefore(this.ordered[mid] as number, createdAt, id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private sortsBefore(row: number, createdAt: Instant, id: string): boolean {
    const c = this.columns.createdAt[row] as number;
    return c < createdAt || (c === createdAt && (this.columns.ids[row] as string) < id);
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
