import { InMemoryCounters } from "../adapters/in-memory-counters.js";
import { type Awaitable, andThen, isPromiseLike } from "../awaitable.js";
import { canonicalJson } from "../canonical-json.js";
import {
  SUBMISSION_COUNTERS,
  type SubmissionStats,
  submissionStatsOf,
} from "../counters/submission-counters.js";
import { NotFoundError, StatusConflictError } from "../errors.js";
import type { Step } from "../lifecycle/compiled-lifecycle.js";
import { Lifecycle } from "../lifecycle/lifecycle.js";
import type { LifecycleEvent } from "../lifecycle/lifecycle-definition.js";
import { stampFieldOf } from "../lifecycle/lifecycle-definition.js";
import type { Clock } from "../ports/clock.js";
import type { Counters } from "../ports/counters.js";
import type { EventPublisher } from "../ports/event-publisher.js";
import type { Random } from "../ports/random.js";
import type {
  IdempotencyClaim,
  InsertResult,
  ListQuery,
  TelecommandRepository,
  TransitionChange,
  TransitionOutcome,
} from "../ports/telecommand-repository.js";
import type {
  HistoryEntry,
  Instant,
  Page,
  StampField,
  SubmitRequest,
  Telecommand,
  TransitionSource,
} from "../types.js";
import { uuidV7 } from "../uuid-v7.js";
import { validateSubmission } from "./submit-validation.js";
import type { Timeouts } from "./timeouts.js";
import { DEFAULT_TIMEOUTS } from "./timeouts.js";
import { writeChain } from "./write-chain.js";

/** The result of sending an event to one command. */
export type ApplyResult =
  | { readonly kind: "applied"; readonly command: Telecommand; readonly entry: HistoryEntry }
  | { readonly kind: "ignored"; readonly command: Telecommand }
  | { readonly kind: "unknown" };

export interface SubmitResult {
  readonly command: Telecommand;
  /** False when an idempotent retry returned the command stored earlier. */
  readonly created: boolean;
}

/** How {@link TelecommandService.apply} treats an event that does not apply. */
export interface ApplyOptions {
  /**
   * Apply the event to the `known` snapshot only: one compare-and-set, no retry on a newer
   * version, and nothing recorded when it does not apply (the result is `ignored` with the
   * current command). The sender and the timeout watcher use it: a TRANSMIT that loses to a
   * cancel, or a TIMEOUT that loses to a report, is no event of the command's history.
   */
  readonly exact?: boolean;
  /**
   * `known` is a cached copy that may be older than the stored command (not with `exact`): an
   * event it refuses is tried once more on a fresh read before it is recorded as ignored. An
   * event it accepts needs nothing more, since the compare-and-set fails on an old version and
   * the retry takes the current one.
   */
  readonly hint?: boolean;
}

export interface TelecommandServiceOptions {
  readonly lifecycle?: Lifecycle;
  readonly timeouts?: Partial<Timeouts>;
  /**
   * Where refused and duplicate submissions are counted (default: in memory, for this
   * instance only); the server passes its database's, so that every process shows the same.
   */
  readonly counters?: Counters;
}

const MAX_CAS_ATTEMPTS = 16;
const HINT: ApplyOptions = Object.freeze({ hint: true });

/**
 * Writes that are done when they return, offered beside the promised ones by a repository
 * that never waits (the in-memory one). Awaiting an already settled promise still costs a
 * microtask and a resumption per call, which showed in the core benchmark; with these the
 * service skips them. Same results as `insert` and `transition`.
 */
export interface ImmediateWrites {
  insertNow(command: Telecommand, idempotency?: IdempotencyClaim, source?: TransitionSource): InsertResult;
  transitionNow(change: TransitionChange): TransitionOutcome;
  /** The promised `insert` and `transition` whose work the immediate ones do. */
  readonly promisedWrites: Pick<TelecommandRepository, "insert" | "transition">;
}

/**
 * The repository's immediate writes, when it has them and its `insert` and `transition` are
 * still the ones they stand for: a subclass, a proxy or a test double that replaces those
 * must still be called.
 */
function immediateWritesOf(repository: TelecommandRepository): ImmediateWrites | null {
  const candidate = repository as Partial<ImmediateWrites>;
  const promised = candidate.promisedWrites;
  return typeof candidate.insertNow === "function" &&
    typeof candidate.transitionNow === "function" &&
    promised !== undefined &&
    repository.insert === promised.insert &&
    repository.transition === promised.transition
    ? (candidate as ImmediateWrites)
    : null;
}

/**
 * Submitting, cancelling, reading, and stepping telecommands through their lifecycle. Every
 * change is a compare-and-set through the repository, then published.
 *
 * @example
 * const service = new TelecommandService(new InMemoryTelecommandRepository(), clock, new SeededRandom(1), publisher);
 * const { command } = await service.submit({ name: "PING" });
 * await service.cancel(command.id);
 */
export class TelecommandService {
  readonly lifecycle: Lifecycle;
  readonly timeouts: Timeouts;
  private readonly counters: Counters;
  private readonly immediate: ImmediateWrites | null;

  constructor(
    private readonly repository: TelecommandRepository,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly publisher: EventPublisher,
    options: TelecommandServiceOptions = {},
  ) {
    this.lifecycle = options.lifecycle ?? new Lifecycle();
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.immediate = immediateWritesOf(repository);
    this.counters = options.counters ?? new InMemoryCounters();
  }

  /** Validates and stores a new command; with an idempotency key, a retry returns the first. */
  async submit(request: SubmitRequest, idempotencyKey?: string): Promise<SubmitResult> {
    let valid: ReturnType<typeof validateSubmission>;
    try {
      valid = validateSubmission(request);
    } catch (error) {
      const counted = this.count(SUBMISSION_COUNTERS.rejected);
      if (counted !== undefined) await counted;
      throw error;
    }
    const now = this.clock.now();
    const command: Telecommand = {
      id: uuidV7(now, this.random),
      spacecraftId: valid.spacecraftId,
      name: valid.name,
      args: valid.args,
      priority: valid.priority,
      status: this.lifecycle.initial,
      failureReason: null,
      createdAt: now,
      updatedAt: now,
      transmittedAt: null,
      acknowledgedAt: null,
      executedAt: null,
      failedAt: null,
      cancelledAt: null,
      notBefore: valid.notBefore,
      notAfter: valid.notAfter,
      deadline: null,
      version: 1,
    };
    const idempotency = idempotencyKey
      ? { key: idempotencyKey, fingerprint: canonicalJson(valid) }
      : undefined;
    const result = this.immediate
      ? this.immediate.insertNow(command, idempotency, "operator")
      : await this.repository.insert(command, idempotency, "operator");
    if (result.entry) {
      this.publisher.publish({ command: result.command, entry: result.entry });
    } else {
      const counted = this.count(SUBMISSION_COUNTERS.duplicate);
      if (counted !== undefined) await counted;
    }
    return { command: result.command, created: result.created };
  }

  /** Cancels a command still queued; otherwise a {@link StatusConflictError} with the status that won. */
  async cancel(id: string): Promise<Telecommand> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const command = await this.repository.get(id);
      if (!command) throw new NotFoundError(id);
      const step = this.lifecycle.step(command.status, command.failureReason, {
        type: "CANCEL",
        reason: "cancelled by operator",
      });
      if (!step) throw new StatusConflictError(id, command.status, "cancel");
      const change = this.changeFor(command, step, "operator");
      const outcome = this.immediate
        ? this.immediate.transitionNow(change)
        : await this.repository.transition(change);
      if (outcome.ok) {
        this.publisher.publish({ command: outcome.command, entry: outcome.entry });
        return outcome.command;
      }
    }
    const current = await this.repository.get(id);
    throw new StatusConflictError(id, current?.status ?? "unknown", "cancel");
  }

  async get(id: string): Promise<Telecommand> {
    const command = await this.repository.get(id);
    if (!command) throw new NotFoundError(id);
    return command;
  }

  list(query: ListQuery): Promise<Page<Telecommand>> {
    return this.repository.list(query);
  }

  async history(id: string): Promise<HistoryEntry[]> {
    const entries = await this.repository.history(id);
    if (entries.length === 0 && !(await this.repository.get(id))) throw new NotFoundError(id);
    return entries;
  }

  /**
   * Sends an event to a command: applied when the lifecycle allows it, otherwise recorded as
   * ignored (late or duplicate reports). Retries the compare-and-set when another writer wins,
   * unless `options.exact` asks for one attempt on `known` (see {@link ApplyOptions}).
   */
  async apply(
    id: string,
    event: LifecycleEvent,
    source: TransitionSource,
    known?: Telecommand,
    options?: ApplyOptions,
  ): Promise<ApplyResult> {
    // No default `{}`: that would be a new object on every call.
    const exact = Boolean(options?.exact);
    let hinted = !exact && Boolean(options?.hint) && known !== undefined;
    let command: Telecommand | null | undefined = known;
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      command ??= await this.repository.get(id);
      if (!command) return { kind: "unknown" };
      const step = this.lifecycle.step(command.status, command.failureReason, event);
      if (!step) {
        if (hinted && command === known) {
          // The cached copy may predate the state in which the event applies.
          hinted = false;
          command = null;
          continue;
        }
        if (!exact) await this.recordIgnored(command, event, source);
        return { kind: "ignored", command };
      }
      const change = this.changeFor(command, step, source);
      const outcome = this.immediate
        ? this.immediate.transitionNow(change)
        : await this.repository.transition(change);
      if (outcome.ok) {
        this.publisher.publish({ command: outcome.command, entry: outcome.entry });
        return { kind: "applied", command: outcome.command, entry: outcome.entry };
      }
      if (exact) {
        return outcome.current ? { kind: "ignored", command: outcome.current } : { kind: "unknown" };
      }
      command = outcome.current;
    }
    const latest = await this.repository.get(id);
    return latest ? { kind: "ignored", command: latest } : { kind: "unknown" };
  }

  /**
   * Sends events to a command one after another: the results (and the history, and the events
   * published) of calling {@link apply} for each in turn, `known` and `options` going with the
   * first and each result's command, as a hint, with the next. When the repository has
   * `transitionChain`, the leading events that all apply to the command are written together
   * in one atomic step instead of one write each; if its compare-and-set fails, they are
   * applied one by one from the current command. `each` hears every result as soon as it is
   * known, so that a caller can tell which events were applied when a later one fails.
   */
  async applySequence(
    id: string,
    events: readonly LifecycleEvent[],
    source: TransitionSource,
    known?: Telecommand,
    options?: ApplyOptions,
    each?: (result: ApplyResult, index: number) => void,
  ): Promise<ApplyResult[]> {
    const results: ApplyResult[] = [];
    let next = 0;
    let command = known;
    let first = options;
    if (events.length > 1 && this.repository.transitionChain !== undefined && !options?.exact) {
      command ??= (await this.repository.get(id)) ?? undefined;
      const chained =
        command === undefined
          ? null
          : await writeChain(this, this.repository, this.publisher, command, events, source);
      if (chained !== null) {
        if (chained.ok) {
          for (const result of chained.results) {
            results.push(result);
            each?.(result, results.length - 1);
          }
          next = chained.results.length;
          const last = chained.results[next - 1];
          command = last?.kind === "applied" ? last.command : undefined;
        } else {
          command = chained.current ?? undefined;
        }
        first = HINT;
      }
    }
    for (; next < events.length; next++) {
      const result = await this.apply(id, events[next] as LifecycleEvent, source, command, first);
      results.push(result);
      each?.(result, results.length - 1);
      command = result.kind === "unknown" ? undefined : result.command;
      first = options?.exact ? options : HINT;
    }
    return results;
  }

  /** Builds the compare-and-set for one step: stamps, deadline, history row. */
  changeFor(
    command: Telecommand,
    step: Step,
    source: TransitionSource,
    at: Instant = this.clock.now(),
  ): TransitionChange {
    const target = this.lifecycle.state(step.to);
    // Every field present, so that all changes share one hidden class on the hot path.
    const stamps: Partial<Record<StampField, Instant>> = {
      transmittedAt: undefined,
      acknowledgedAt: undefined,
      executedAt: undefined,
      failedAt: undefined,
      cancelledAt: undefined,
    };
    const field = stampFieldOf(target.kind);
    if (field) stamps[field] = at;
    if (target.kind === "executed" && command.acknowledgedAt === null) stamps.acknowledgedAt = at;
    const deadline =
      target.timeout === "acceptance"
        ? at + this.timeouts.acceptanceMs
        : target.timeout === "execution"
          ? at + this.timeouts.executionMs
          : null;
    return {
      id: command.id,
      expectedVersion: command.version,
      from: command.status,
      to: step.to,
      failureReason: step.failureReason,
      stamps,
      deadline,
      at,
      reason: step.reason,
      source,
    };
  }

  /** Refused and duplicate submissions, as the counters hold them (at once with in-memory counters). */
  stats(): Awaitable<SubmissionStats> {
    return andThen(this.counters.read(), submissionStatsOf);
  }

  /**
   * Counts a refused or duplicate submission. A counter that cannot be stored (storage down)
   * is lost rather than turning the answer the submitter is owed (a 400, or the stored
   * command) into a failure. Undefined when the counters answered at once, so that a
   * synchronous run (the simulator) takes no extra turn of the microtask queue.
   */
  private count(name: string): Promise<void> | undefined {
    try {
      const added = this.counters.add(name, 1);
      return isPromiseLike(added) ? Promise.resolve(added).catch(() => undefined) : undefined;
    } catch {
      return undefined;
    }
  }

  private async recordIgnored(
    command: Telecommand,
    event: LifecycleEvent,
    source: TransitionSource,
  ): Promise<void> {
    const reason = `${event.type} ignored in ${command.status}${event.reason ? ` (${event.reason})` : ""}`;
    const entry = await this.repository.recordIgnored({
      id: command.id,
      at: this.clock.now(),
      reason,
      source,
    });
    if (entry) this.publisher.publish({ command, entry });
  }
}
