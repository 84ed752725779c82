import {
  type ClaimRequest,
  type DispatchOrder,
  decodeCursor,
  encodeCursor,
  type HistoryEntry,
  type IdempotencyClaim,
  IdempotencyConflictError,
  type IgnoredEvent,
  type InsertResult,
  type Instant,
  isUuid,
  type Lifecycle,
  type ListQuery,
  type Page,
  StorageUnavailableError,
  type Telecommand,
  type TelecommandRepository,
  type TransitionChainOutcome,
  type TransitionChange,
  type TransitionOutcome,
  type TransitionSource,
  ValidationError,
} from "@uplink/core";
import type { ChangeBus, ChangeNotice } from "../../database/change-bus.js";
import type { Database } from "../../database/database.js";
import { GroupCommit } from "./group-commit.js";
import { QueueLayout } from "./queue-layout.js";
import { RecentCommands } from "./recent-commands.js";
import { claimQueued } from "./sql/claim-queued.js";
import { countByStatus } from "./sql/count-by-status.js";
import { insertTelecommands, type NewTelecommand } from "./sql/insert-telecommands.js";
import { listTelecommands } from "./sql/list-telecommands.js";
import { nextNotBefore } from "./sql/next-not-before.js";
import { recordIgnored } from "./sql/record-ignored.js";
import { releaseLeases } from "./sql/release-leases.js";
import {
  selectHistories,
  selectHistory,
  selectHistoryAfter,
  selectLastEventId,
} from "./sql/select-history.js";
import { selectIdempotencyOwners } from "./sql/select-idempotency-owners.js";
import { selectOverdue } from "./sql/select-overdue.js";
import { selectTelecommands } from "./sql/select-telecommands.js";
import { spacecraftWithQueued } from "./sql/spacecraft-with-queued.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import { transitionTelecommands } from "./sql/transition-telecommands.js";
import { withStorage } from "./storage-errors.js";

/** Tuning of {@link KnexTelecommandRepository}. */
export interface KnexTelecommandRepositoryOptions {
  /** Most inserts or transitions coalesced into one statement (default 500 inserts, 1 000 transitions). */
  readonly maxBatch?: number;
  /**
   * Most insert (and, separately, transition) statements in flight (default 4 inserts and 2
   * transitions on PostgreSQL, 1 on PGlite).
   */
  readonly maxInFlight?: number;
  /**
   * The lifecycle whose queued states the senders claim from (default: core's default). The
   * queue's statements are derived from it; `migrate` must have been given the same one, which
   * builds the partial indexes they use.
   */
  readonly lifecycle?: Lifecycle | undefined;
  /**
   * The order claims take commands in (default core's `DEFAULT_DISPATCH_ORDER`, SPEC §2's): the
   * claim statement's `ORDER BY` and its indexes are built from it (give `migrate` the same).
   */
  readonly dispatchOrder?: DispatchOrder | undefined;
}

/**
 * Inserts commit one after the other whatever the number in flight: each takes the event
 * counter row (and NOTIFY's commit lock) until it commits. A second insert statement is only
 * worth starting beside a running one when it carries many rows; a few rows wait for the
 * running one instead and leave with the next wave, in one statement. Measured with 50
 * connections submitting on PostgreSQL: batches of ~23 rows instead of half the statements
 * carrying one, and per accepted command about half the database CPU and a quarter less of the
 * server's. An idle database still gets each insert at once.
 */
const INSERT_MIN_BATCH_WHILE_BUSY = 32;

/**
 * Commands whose latest copy is kept (see {@link KnexTelecommandRepository.known}): more than a
 * sender holds (10 000 claimed by default) plus the downlink's waves (4 096 reports), so that a
 * command is still there at its next transition.
 */
const RECENT_COMMANDS = 32_768;

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * The {@link TelecommandRepository} on PostgreSQL or PGlite through knex. Every write is one
 * statement, hence one transaction: the compare-and-set, the history row, the event id and the
 * NOTIFY commit together. Concurrent inserts and transitions are group-committed: calls that
 * arrive while the database is busy share one statement, each keeping its own outcome.
 * Connection failures surface as `StorageUnavailableError`.
 *
 * @example
 * const db = await createDatabase({ inMemory: true });
 * await migrate(db.knex);
 * const service = new TelecommandService(new KnexTelecommandRepository(db), clock, random, publisher);
 */
export class KnexTelecommandRepository implements TelecommandRepository {
  private readonly runner: Runner;
  /** NOTIFY channel on PostgreSQL; null on PGlite, where {@link bus} carries the notices. */
  private readonly channel: string | null;
  private readonly bus: ChangeBus | null;
  private readonly inserts: GroupCommit<NewTelecommand, Settled<InsertResult>>;
  /** Chains of changes to one command (most of them one change long). */
  private readonly transitions: GroupCommit<readonly TransitionChange[], TransitionChainOutcome>;
  private readonly reads: GroupCommit<string, Telecommand | null>;
  private readonly recent = new RecentCommands(RECENT_COMMANDS);
  private readonly queue: QueueLayout;

  constructor(db: Database, options: KnexTelecommandRepositoryOptions = {}) {
    this.runner = createRunner(db.knex, db.kind);
    this.queue = new QueueLayout(options);
    this.channel = db.kind === "postgres" ? db.channel : null;
    this.bus = db.kind === "postgres" ? null : db.localBus;
    const tuning = {
      maxBatch: options.maxBatch ?? 500,
      maxInFlight: options.maxInFlight ?? (db.kind === "postgres" ? 4 : 1),
    };
    this.inserts = new GroupCommit((items) => this.flushInserts(items), {
      ...tuning,
      minBatchWhileBusy: INSERT_MIN_BATCH_WHILE_BUSY,
      keyOf: (i) => (i.idempotency ? `key:${i.idempotency.key}` : i.command.id),
    });
    // Transition statements queue on the event counter's row lock until the one ahead commits:
    // a third or fourth in flight only waits there with rows that a larger statement would have
    // carried. Two (one committing while the next runs up to the lock) of up to 1 000 changes
    // measured 4 500–6 400 lifecycles/s on the dispatch bench, four of up to 500 3 600–4 600.
    this.transitions = new GroupCommit((chains) => this.flushTransitions(chains), {
      maxBatch: options.maxBatch ?? 1_000,
      maxInFlight: options.maxInFlight ?? (db.kind === "postgres" ? 2 : 1),
      keyOf: (chain) => (chain[0] as TransitionChange).id,
    });
    // Concurrent reads (reports of many commands applied at once) share one SELECT.
    this.reads = new GroupCommit(
      async (ids) => {
        const found = await withStorage(() => selectTelecommands(this.runner, ids));
        for (const command of found.values()) this.recent.keep(command);
        return ids.map((id) => found.get(id) ?? null);
      },
      { ...tuning, keyOf: (id) => id },
    );
  }

  async insert(
    command: Telecommand,
    idempotency?: IdempotencyClaim,
    source: TransitionSource = "operator",
  ): Promise<InsertResult> {
    const settled = await this.inserts.submit({ command, idempotency, source });
    if (!settled.ok) throw settled.error;
    return settled.value;
  }

  async get(id: string): Promise<Telecommand | null> {
    if (!isUuid(id)) return null;
    return this.reads.submit(id);
  }

  async list(query: ListQuery): Promise<Page<Telecommand>> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    if (after && !isUuid(after.id))
      throw new ValidationError("cursor", "is not a cursor returned by this API", "format");
    const rows = await withStorage(() =>
      listTelecommands(this.runner, {
        status: query.status,
        spacecraftId: query.spacecraftId,
        after,
        take: query.limit + 1,
      }),
    );
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const more = rows.length > query.limit && last !== undefined;
    return { items, nextCursor: more ? encodeCursor(last.createdAt, last.id) : null };
  }

  /**
   * The latest copy of a command that this repository has claimed, read or moved lately, or
   * undefined. Other processes may have moved the command since: a hint (for instance for the
   * downlink's `known`), never an answer in place of {@link get}.
   */
  known(id: string): Telecommand | undefined {
    return this.recent.latest(id);
  }

  async transition(change: TransitionChange): Promise<TransitionOutcome> {
    return single(await this.transitions.submit([change]));
  }

  /** The whole chain in the statement of its command's row: one row written, a history row per change. */
  transitionChain(changes: readonly TransitionChange[]): Promise<TransitionChainOutcome> {
    checkChain(changes);
    return this.transitions.submit(changes);
  }

  async recordIgnored(event: IgnoredEvent): Promise<HistoryEntry | null> {
    if (!isUuid(event.id)) return null;
    const recorded = await withStorage(() => recordIgnored(this.runner, this.channel, event));
    if (!recorded) return null;
    this.announce([
      {
        eventId: recorded.entry.eventId,
        commandId: event.id,
        status: recorded.status,
        spacecraftId: recorded.spacecraftId,
        submitted: false,
      },
    ]);
    return recorded.entry;
  }

  async claim(request: ClaimRequest): Promise<Telecommand[]> {
    if (request.limit <= 0 || request.statuses.length === 0 || request.spacecraftIds?.length === 0) return [];
    const claimed = await withStorage(() => claimQueued(this.runner, request, this.queue));
    for (const command of claimed) this.recent.keep(command);
    return claimed.sort((a, b) => this.queue.order.compare(a, b));
  }

  async release(owner: string, ids?: readonly string[]): Promise<void> {
    await withStorage(() => releaseLeases(this.runner, owner, ids?.filter(isUuid)));
  }

  spacecraftWithQueued(statuses: readonly string[]): Promise<string[]> {
    return withStorage(() => spacecraftWithQueued(this.runner, this.queue, statuses));
  }

  nextNotBefore(statuses: readonly string[], now: Instant): Promise<Instant | null> {
    return withStorage(() => nextNotBefore(this.runner, this.queue, statuses, now));
  }

  async overdue(now: Instant, limit: number): Promise<Telecommand[]> {
    if (limit <= 0) return [];
    return withStorage(() => selectOverdue(this.runner, now, limit));
  }

  async history(id: string): Promise<HistoryEntry[]> {
    if (!isUuid(id)) return [];
    return withStorage(() => selectHistory(this.runner, id));
  }

  async histories(ids: readonly string[]): Promise<HistoryEntry[][]> {
    const known = ids.filter(isUuid);
    const byId = known.length === 0 ? null : await withStorage(() => selectHistories(this.runner, known));
    return ids.map((id) => byId?.get(id.toLowerCase()) ?? []);
  }

  async historyAfter(after: number, limit: number): Promise<HistoryEntry[]> {
    if (limit <= 0) return [];
    return withStorage(() => selectHistoryAfter(this.runner, after, limit));
  }

  /**
   * The highest event id committed (0 before any): every lower one is committed too, and every
   * later commit takes a higher one. A live event stream anchors on it.
   */
  lastEventId(): Promise<number> {
    return withStorage(() => selectLastEventId(this.runner));
  }

  countByStatus(): Promise<Record<string, number>> {
    return withStorage(() => countByStatus(this.runner));
  }

  private async flushInserts(items: NewTelecommand[]): Promise<Settled<InsertResult>[]> {
    try {
      return await this.insertNow(items);
    } catch (error) {
      // One bad command (say, a reused id) fails the statement; it must not fail its neighbours.
      if (items.length === 1 || error instanceof StorageUnavailableError) throw error;
      const settled: Settled<InsertResult>[] = [];
      for (const item of items) {
        try {
          settled.push(...(await this.insertNow([item])));
        } catch (single) {
          settled.push({ ok: false, error: single });
        }
      }
      return settled;
    }
  }

  private async insertNow(items: NewTelecommand[]): Promise<Settled<InsertResult>[]> {
    const rows = await withStorage(() => insertTelecommands(this.runner, this.channel, items));
    const notices: ChangeNotice[] = [];
    const lostKeys: string[] = [];
    rows.forEach((row, i) => {
      const { command, idempotency } = items[i] as NewTelecommand;
      if (row.stored) {
        notices.push({
          eventId: row.eventId,
          commandId: command.id,
          status: command.status,
          spacecraftId: command.spacecraftId,
          submitted: true,
        });
      } else if (idempotency) {
        lostKeys.push(idempotency.key);
      }
    });
    this.announce(notices);
    const owners =
      lostKeys.length > 0 ? await withStorage(() => selectIdempotencyOwners(this.runner, lostKeys)) : null;
    return rows.map((row, i): Settled<InsertResult> => {
      const { command, idempotency, source } = items[i] as NewTelecommand;
      if (row.stored)
        return {
          ok: true,
          value: { command, created: true, entry: firstEntry(command, row.eventId, source) },
        };
      const owner = idempotency ? owners?.get(idempotency.key) : undefined;
      if (!idempotency || !owner) {
        return { ok: false, error: new Error(`telecommand ${command.id} was neither stored nor found`) };
      }
      if (owner.fingerprint !== idempotency.fingerprint) {
        return { ok: false, error: new IdempotencyConflictError(idempotency.key, owner.command.id) };
      }
      return { ok: true, value: { command: owner.command, created: false, entry: null } };
    });
  }

  private async flushTransitions(chains: (readonly TransitionChange[])[]): Promise<TransitionChainOutcome[]> {
    const idOf = (chain: readonly TransitionChange[]) => (chain[0] as TransitionChange).id;
    const valid = chains.filter((chain) => isUuid(idOf(chain)));
    // A command known at the expected version need not come back from the statement.
    const known = valid.map((chain) => {
      const first = chain[0] as TransitionChange;
      return this.recent.at(first.id, first.expectedVersion);
    });
    const applied =
      valid.length > 0
        ? await withStorage(() => transitionTelecommands(this.runner, this.channel, valid, known))
        : [];
    const byId = new Map(valid.map((chain, i) => [idOf(chain), applied[i] ?? null]));
    const missed = valid.map(idOf).filter((id) => byId.get(id) === null);
    const current =
      missed.length > 0
        ? await withStorage(() => selectTelecommands(this.runner, missed))
        : new Map<string, Telecommand>();
    for (const command of current.values()) this.recent.keep(command);
    const notices: ChangeNotice[] = [];
    const outcomes = chains.map((chain): TransitionChainOutcome => {
      const id = idOf(chain);
      const done = byId.get(id);
      if (!done) return { ok: false, current: current.get(id) ?? null };
      this.recent.keep(done.command);
      for (const entry of done.entries) {
        notices.push({
          eventId: entry.eventId,
          commandId: id,
          status: entry.to,
          spacecraftId: done.command.spacecraftId,
          submitted: false,
        });
      }
      return { ok: true, command: done.command, entries: done.entries };
    });
    this.announce(notices.sort((a, b) => a.eventId - b.eventId));
    return outcomes;
  }

  /** On PGlite, tells this process's change feed what just committed (PostgreSQL NOTIFYs). */
  private announce(notices: ChangeNotice[]): void {
    this.bus?.publish(notices);
  }
}

/** A one-change chain's outcome as `transition` answers it. */
function single(outcome: TransitionChainOutcome): TransitionOutcome {
  if (!outcome.ok) return outcome;
  return { ok: true, command: outcome.command, entry: outcome.entries[0] as HistoryEntry };
}

/** Refuses a chain whose changes do not follow one another on one command (a caller's bug). */
function checkChain(changes: readonly TransitionChange[]): void {
  if (changes.length === 0) throw new Error("transitionChain: no changes");
  for (let i = 1; i < changes.length; i++) {
    const before = changes[i - 1] as TransitionChange;
    const change = changes[i] as TransitionChange;
    if (
      change.id !== before.id ||
      change.expectedVersion !== before.expectedVersion + 1 ||
      change.from !== before.to
    )
      throw new Error(`transitionChain: change ${i} does not follow the one before it`);
  }
}

function firstEntry(command: Telecommand, eventId: number, source: TransitionSource): HistoryEntry {
  return {
    eventId,
    commandId: command.id,
    seq: 1,
    from: null,
    to: command.status,
    at: command.createdAt,
    reason: null,
    source,
    actor: command.submittedBy,
    ignored: false,
    kind: "transition",
  };
}
