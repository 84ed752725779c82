import { InMemoryCounters } from "../adapters/in-memory-counters.js";
import { type Awaitable, andThen, isPromiseLike, runTask, type Task, wait } from "../awaitable.js";
import { canonicalJson } from "../canonical-json.js";
import { countAll, deliveryCounterNames } from "../counters/delivery-counters.js";
import {
  SUBMISSION_COUNTERS,
  type SubmissionStats,
  submissionStatsOf,
} from "../counters/submission-counters.js";
import { deadlineOf, timeoutsOf } from "../decisions/deadlines.js";
import { queueAccepts } from "../decisions/queue-decision.js";
import type { CheckedSubmission, SubmissionChecks } from "../dictionary/submission-checks.js";
import {
  InhibitedError,
  InvalidArgumentError,
  NotFoundError,
  QueueClosedError,
  SelfApprovalError,
  StatusConflictError,
  UnknownCommandError,
  ValidationError,
} from "../errors.js";
import { UnknownSpacecraftError } from "../fleet/fleet-errors.js";
import type { Spacecraft } from "../fleet/spacecraft.js";
import type { Step } from "../lifecycle/compiled-lifecycle.js";
import { Lifecycle } from "../lifecycle/lifecycle.js";
import type { LifecycleEvent, StateDefinition } from "../lifecycle/lifecycle-definition.js";
import { stampFieldOf } from "../lifecycle/lifecycle-definition.js";
import type { Clock } from "../ports/clock.js";
import type { CommandHistory } from "../ports/command-history.js";
import type {
  CommandStore,
  InsertResult,
  ListQuery,
  TransitionChange,
  TransitionOutcome,
  TransitionStamps,
} from "../ports/command-store.js";
import type { Counters } from "../ports/counters.js";
import type { EventPublisher } from "../ports/event-publisher.js";
import type { Random } from "../ports/random.js";
import type { SpacecraftLookup } from "../ports/spacecraft-registry.js";
import type { QueueCatalog } from "../queues/queue-catalog.js";
import type { QueueState } from "../queues/queue-states.js";
import {
  ANONYMOUS_ACTOR,
  actorOfSource,
  type CommandArgs,
  type CommandProfile,
  type HistoryEntry,
  type Instant,
  type Page,
  type SubmitRequest,
  type Telecommand,
  type TransitionSource,
} from "../types.js";
import { uuidV7 } from "../uuid-v7.js";
import { type ValidSubmission, validateSubmission } from "./submit-validation.js";
import type { Timeouts } from "./timeouts.js";
import { DEFAULT_TIMEOUTS } from "./timeouts.js";
import { writeChain } from "./write-chain.js";

/** The result of sending an event to one command. */
export type ApplyResult =
  | { readonly kind: "applied"; readonly command: Telecommand; readonly entry: HistoryEntry }
  | { readonly kind: "ignored"; readonly command: Telecommand }
  | { readonly kind: "unknown" };

/** What {@link TelecommandService.tryCancel} answers: the cancelled command, or the status that won. */
export type CancelOutcome =
  | { readonly ok: true; readonly command: Telecommand }
  | { readonly ok: false; readonly status: string };

/**
 * What a dry run of a submission answers (SPEC §10): the command as it would be stored, but
 * without an id, a stored row, an event or a counter.
 */
export interface SubmissionPreview {
  readonly spacecraftId: string;
  readonly name: string;
  readonly args: CommandArgs;
  readonly priority: number;
  /** The status it would start in: the initial one, or the approval state. */
  readonly status: string;
  readonly notBefore: Instant | null;
  readonly notAfter: Instant | null;
  readonly profile: CommandProfile | null;
}

/** How one submission goes: by whom, with which key, and whether it is only a dry run. */
interface SubmissionContext {
  readonly idempotencyKey: string | undefined;
  readonly actor: string;
  readonly dry: boolean;
}

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
  /** Who sends the event, for its history row; default the source's ({@link actorOfSource}). */
  readonly actor?: string;
}

export interface TelecommandServiceOptions {
  readonly lifecycle?: Lifecycle | undefined;
  readonly timeouts?: Partial<Timeouts> | undefined;
  /**
   * Where refused and duplicate submissions are counted (default: in memory, for this
   * instance only); the server passes its database's, so that every process shows the same.
   */
  readonly counters?: Counters | undefined;
  /**
   * The registered spacecraft: with it, a submission to a spacecraft it does not know is
   * refused ({@link UnknownSpacecraftError}, counted as rejected), and a known one's mission
   * picks the dictionary its submissions are checked against. The server and the simulator
   * pass theirs; without it every well-formed id is accepted (a bare embedding).
   */
  readonly registry?: SpacecraftLookup | undefined;
  /**
   * The dictionary checks (SPEC §9) a submission passes before it is stored, by its
   * spacecraft's mission (from the registry); without them, every well-formed name and
   * argument object is accepted.
   */
  readonly checks?: SubmissionChecks | undefined;
  /**
   * The spacecraft's queue states (SPEC §10): a submission to a spacecraft whose queue is
   * closed is refused ({@link QueueClosedError}, counted as rejected). Without them every
   * queue is open.
   */
  readonly queues?: QueueCatalog | undefined;
}

const MAX_CAS_ATTEMPTS = 16;

/** The longest comment an operator may add to a command's history (SPEC §10). */
export const MAX_COMMENT_LENGTH = 1_000;
const HINT: ApplyOptions = Object.freeze({ hint: true });
const UNKNOWN: ApplyResult = Object.freeze({ kind: "unknown" });

/** One {@link TelecommandService.apply} under way: what it sends, and how. */
interface Attempt {
  readonly id: string;
  readonly event: LifecycleEvent;
  readonly source: TransitionSource;
  readonly actor: string;
  readonly known: Telecommand | undefined;
  readonly exact: boolean;
  hinted: boolean;
  count: number;
}

/**
 * Submitting, cancelling, reading, and stepping telecommands through their lifecycle. Every
 * change is a compare-and-set through the repository, then published.
 *
 * Sans-I/O: each method answers with an {@link Awaitable}, at once (or throwing at once) while
 * every port it calls answers at once, as core's in-memory adapters do, and with a promise
 * from the first port that answers with one (PostgreSQL). So the simulator runs this very
 * service synchronously on its virtual clock, and the server runs it on PostgreSQL;
 * `await service.submit(...)` works with both.
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
  private readonly checks: SubmissionChecks | null;
  private readonly registry: SpacecraftLookup | null;
  private readonly queues: QueueCatalog | null;
  /** Per status: whether a command there can expire (the lifecycle has EXPIRE from it). */
  private readonly expires = new Map<string, boolean>();

  constructor(
    private readonly repository: CommandStore & CommandHistory,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly publisher: EventPublisher,
    options: TelecommandServiceOptions = {},
  ) {
    this.lifecycle = options.lifecycle ?? new Lifecycle();
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.counters = options.counters ?? new InMemoryCounters();
    this.checks = options.checks ?? null;
    this.registry = options.registry ?? null;
    this.queues = options.queues ?? null;
    for (const status of this.lifecycle.statuses) {
      this.expires.set(status, this.lifecycle.step(status, null, { type: "EXPIRE" }) !== null);
    }
  }

  /**
   * Validates, checks against the spacecraft's dictionary (when it has one) and stores a new
   * command submitted by `actor` (the signed-in user; default `anonymous`); with an idempotency
   * key, a retry returns the first.
   */
  submit(
    request: SubmitRequest,
    idempotencyKey?: string,
    actor: string = ANONYMOUS_ACTOR,
  ): Awaitable<SubmitResult> {
    return this.checkAll(request, { idempotencyKey, actor, dry: false }) as Awaitable<SubmitResult>;
  }

  /**
   * Checks a submission as {@link submit} would (validation, the fleet, the dictionary, the
   * inhibits, the two-person rule) and answers the command it would store, throwing the error
   * it would throw; stores nothing, publishes nothing, counts nothing (SPEC §10's dry run).
   */
  dryRun(request: SubmitRequest, actor: string = ANONYMOUS_ACTOR): Awaitable<SubmissionPreview> {
    return this.checkAll(request, {
      idempotencyKey: undefined,
      actor,
      dry: true,
    }) as Awaitable<SubmissionPreview>;
  }

  private checkAll(
    request: SubmitRequest,
    context: SubmissionContext,
  ): Awaitable<SubmitResult | SubmissionPreview> {
    let valid: ValidSubmission;
    try {
      valid = validateSubmission(request);
    } catch (error) {
      return this.refuse(error, context);
    }
    const registry = this.registry;
    if (registry === null) return this.checkQueue(valid, null, context);
    // Continued at once when the registry answers at once: no closure per submission.
    const known = registry.get(valid.spacecraftId);
    return isPromiseLike(known)
      ? Promise.resolve(known).then((k) => this.checkRegistered(valid, k, context))
      : this.checkRegistered(valid, known, context);
  }

  /** A submission to a spacecraft the registry does not know is refused. */
  private checkRegistered(
    valid: ValidSubmission,
    known: Spacecraft | null,
    context: SubmissionContext,
  ): Awaitable<SubmitResult | SubmissionPreview> {
    return known
      ? this.checkQueue(valid, known.mission, context)
      : this.refuse(new UnknownSpacecraftError(valid.spacecraftId), context);
  }

  /** SPEC §10: a closed queue takes no new commands (core's `queueAccepts`). */
  private checkQueue(
    valid: ValidSubmission,
    mission: string | null,
    context: SubmissionContext,
  ): Awaitable<SubmitResult | SubmissionPreview> {
    const queues = this.queues;
    if (queues === null) return this.checkAndStore(valid, mission, context);
    const state = queues.current(valid.spacecraftId);
    return isPromiseLike(state)
      ? Promise.resolve(state).then((s) => this.checkOpen(valid, mission, s, context))
      : this.checkOpen(valid, mission, state, context);
  }

  private checkOpen(
    valid: ValidSubmission,
    mission: string | null,
    state: QueueState,
    context: SubmissionContext,
  ): Awaitable<SubmitResult | SubmissionPreview> {
    return queueAccepts(state)
      ? this.checkAndStore(valid, mission, context)
      : this.refuse(new QueueClosedError(valid.spacecraftId), context);
  }

  /** Checks a valid submission against its mission's dictionary, then stores it; counts a refusal. */
  private checkAndStore(
    valid: ValidSubmission,
    mission: string | null,
    context: SubmissionContext,
  ): Awaitable<SubmitResult | SubmissionPreview> {
    let checked: Awaitable<CheckedSubmission | null>;
    try {
      checked =
        this.checks === null ? null : this.checks.check(valid.spacecraftId, mission, valid.name, valid.args);
    } catch (error) {
      return this.refuse(error, context, valid.spacecraftId);
    }
    if (!isPromiseLike(checked)) return this.accepted(valid, checked, context);
    return Promise.resolve(checked).then(
      (accepted) => this.accepted(valid, accepted, context),
      (error: unknown) => this.refuse(error, context, valid.spacecraftId),
    );
  }

  /** A submission that passed every check: previewed (a dry run) or stored. */
  private accepted(
    valid: ValidSubmission,
    checked: CheckedSubmission | null,
    context: SubmissionContext,
  ): Awaitable<SubmitResult | SubmissionPreview> {
    return context.dry ? this.preview(valid, checked) : this.store(valid, checked, context);
  }

  private preview(valid: ValidSubmission, checked: CheckedSubmission | null): SubmissionPreview {
    const profile = checked === null ? null : checked.profile;
    return {
      spacecraftId: valid.spacecraftId,
      name: valid.name,
      args: checked === null ? valid.args : checked.args,
      priority: valid.priority,
      status: this.initialStatus(valid, profile),
      notBefore: valid.notBefore,
      notAfter: valid.notAfter,
      profile,
    };
  }

  /**
   * Counts a refused submission (and, refused by its dictionary or an inhibit, as dropped for
   * its spacecraft and category), then throws its error (at once when the counters answer at once).
   */
  private refuse(error: unknown, context: SubmissionContext, spacecraftId?: string): never | Promise<never> {
    if (context.dry) throw error;
    const names: string[] = [SUBMISSION_COUNTERS.rejected];
    const dropped = spacecraftId === undefined ? undefined : droppedCategoryOf(error);
    if (spacecraftId !== undefined && dropped !== undefined) {
      names.push(...deliveryCounterNames("dropped", spacecraftId, dropped));
    }
    const counted = countAll(this.counters, names);
    if (counted === undefined) throw error;
    return counted.then(() => Promise.reject(error));
  }

  private store(
    valid: ValidSubmission,
    checked: CheckedSubmission | null,
    context: SubmissionContext,
  ): Awaitable<SubmitResult> {
    const { idempotencyKey, actor } = context;
    const now = this.clock.now();
    const profile = checked === null ? null : checked.profile;
    const initial = this.initialStatus(valid, profile);
    const command: Telecommand = {
      id: uuidV7(now, this.random),
      spacecraftId: valid.spacecraftId,
      name: valid.name,
      args: checked === null ? valid.args : checked.args,
      priority: valid.priority,
      status: initial,
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
      deadline: this.deadlineFor(this.lifecycle.state(initial), initial, valid.notAfter, now, profile),
      version: 1,
      profile,
      submittedBy: actor,
      held: false,
    };
    // The fingerprint is of the request as sent: a retry matches it whatever defaults were filled in.
    const idempotency = idempotencyKey
      ? { key: idempotencyKey, fingerprint: canonicalJson(valid) }
      : undefined;
    const inserted = this.repository.insert(command, idempotency, "operator");
    return isPromiseLike(inserted)
      ? Promise.resolve(inserted).then((result) => this.submitted(result))
      : this.submitted(inserted);
  }

  /**
   * SPEC §10's two-person rule, the one place it is decided: a hazardous command (its
   * dictionary says so) or one submitted with `approval: true` starts in the lifecycle's
   * approval state; any other in its initial state. A lifecycle without an approval state
   * refuses such a command rather than let it be sent unapproved.
   */
  private initialStatus(valid: ValidSubmission, profile: CommandProfile | null): string {
    if (valid.approval !== true && profile?.hazardous !== true) return this.lifecycle.initial;
    const approval = this.lifecycle.approvalStatus;
    if (approval === null) {
      throw new ValidationError(
        "approval",
        `needs a second person's approval, and lifecycle "${this.lifecycle.definition.id}" has no approval state`,
        "unsupported",
      );
    }
    return approval;
  }

  /**
   * Approves a command waiting for approval (SPEC §10): it becomes ready to send. A command in
   * any other status: {@link StatusConflictError}; approved by its own submitter:
   * {@link SelfApprovalError} (an anonymous submitter's command needs a named approver).
   */
  approve(id: string, actor: string = ANONYMOUS_ACTOR): Awaitable<Telecommand> {
    return runTask(this.approvalTask(id, { type: "APPROVE" }, actor, "approve"));
  }

  /** Rejects a command waiting for approval: it is cancelled, with `reason` in its history. */
  reject(id: string, reason: string, actor: string = ANONYMOUS_ACTOR): Awaitable<Telecommand> {
    return runTask(this.approvalTask(id, { type: "REJECT", reason }, actor, "reject"));
  }

  private *approvalTask(
    id: string,
    event: LifecycleEvent,
    actor: string,
    operation: string,
  ): Task<Telecommand> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const command = yield* wait(this.repository.get(id));
      if (!command) throw new NotFoundError(id);
      const pending = this.lifecycle.kindOf(command.status) === "approval";
      const step = pending ? this.lifecycle.step(command.status, command.failureReason, event) : null;
      if (step === null) throw new StatusConflictError(id, command.status, operation);
      if (event.type === "APPROVE" && command.submittedBy === actor) throw new SelfApprovalError(id, actor);
      const change = this.changeFor(command, step, "operator", this.clock.now(), actor);
      const outcome = yield* wait(this.repository.transition(change, command));
      if (outcome.ok) {
        this.publisher.publish({ command: outcome.command, entry: outcome.entry });
        return outcome.command;
      }
    }
    const current = yield* wait(this.repository.get(id));
    throw new StatusConflictError(id, current?.status ?? "unknown", operation);
  }

  /**
   * Adds an operator's comment to a command's history (SPEC §10): an entry of kind `comment`
   * with its actor, published like a transition; the command does not change. A text that is
   * empty or longer than {@link MAX_COMMENT_LENGTH}: {@link ValidationError} on `text`.
   */
  comment(id: string, text: string, actor: string = ANONYMOUS_ACTOR): Awaitable<HistoryEntry> {
    if (typeof text !== "string" || text.trim() === "" || text.length > MAX_COMMENT_LENGTH) {
      throw new ValidationError("text", `must be 1 to ${MAX_COMMENT_LENGTH} characters`, "length");
    }
    return runTask(this.commentTask(id, text, actor));
  }

  private *commentTask(id: string, text: string, actor: string): Task<HistoryEntry> {
    const command = yield* wait(this.repository.get(id));
    if (!command) throw new NotFoundError(id);
    const at = this.clock.now();
    const entry = yield* wait(
      this.repository.recordIgnored({ id, at, reason: text, source: "operator", actor, kind: "comment" }),
    );
    if (entry === null) throw new NotFoundError(id);
    this.publisher.publish({ command, entry });
    return entry;
  }

  /**
   * Holds a ready command (SPEC §10): it stays ready, `held`, and the sender skips it until it
   * is released. Holding a held command changes nothing; a command in any other status:
   * {@link StatusConflictError}.
   */
  hold(id: string, actor: string = ANONYMOUS_ACTOR): Awaitable<Telecommand> {
    return runTask(this.holdTask(id, true, actor));
  }

  /** Releases a held command: the sender may send it again. Releasing one not held changes nothing. */
  release(id: string, actor: string = ANONYMOUS_ACTOR): Awaitable<Telecommand> {
    return runTask(this.holdTask(id, false, actor));
  }

  private *holdTask(id: string, held: boolean, actor: string): Task<Telecommand> {
    const operation = held ? "hold" : "release";
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const command = yield* wait(this.repository.get(id));
      if (!command) throw new NotFoundError(id);
      if (this.lifecycle.kindOf(command.status) !== "queued") {
        throw new StatusConflictError(id, command.status, operation);
      }
      if (command.held === held) return command;
      const change: TransitionChange = {
        id,
        expectedVersion: command.version,
        from: command.status,
        to: command.status,
        failureReason: command.failureReason,
        stamps: {},
        deadline: command.deadline,
        at: this.clock.now(),
        reason: null,
        source: "operator",
        actor,
        held,
        kind: operation,
      };
      const outcome = yield* wait(this.repository.transition(change));
      if (outcome.ok) {
        this.publisher.publish({ command: outcome.command, entry: outcome.entry });
        return outcome.command;
      }
    }
    const current = yield* wait(this.repository.get(id));
    throw new StatusConflictError(id, current?.status ?? "unknown", operation);
  }

  private submitted(result: InsertResult): Awaitable<SubmitResult> {
    const answer: SubmitResult = { command: result.command, created: result.created };
    if (result.entry) {
      this.publisher.publish({ command: result.command, entry: result.entry });
      return answer;
    }
    const counted = this.count(SUBMISSION_COUNTERS.duplicate);
    return counted === undefined ? answer : counted.then(() => answer);
  }

  /** Cancels a command still queued; otherwise a {@link StatusConflictError} with the status that won. */
  cancel(id: string, actor: string = ANONYMOUS_ACTOR): Awaitable<Telecommand> {
    return andThen(this.tryCancel(id, actor), (outcome) => {
      if (!outcome.ok) throw new StatusConflictError(id, outcome.status, "cancel");
      return outcome.command;
    });
  }

  /**
   * Cancels a command still queued, or answers the status that won: a refused cancel is an
   * answer, not an error (the simulator's operators ask for thousands, and building an error
   * each time cost more than the cancel). Throws {@link NotFoundError} for an unknown id.
   */
  tryCancel(id: string, actor: string = ANONYMOUS_ACTOR): Awaitable<CancelOutcome> {
    return runTask(this.cancelTask(id, actor));
  }

  private *cancelTask(id: string, actor: string): Task<CancelOutcome> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const command = yield* wait(this.repository.get(id));
      if (!command) throw new NotFoundError(id);
      const step = this.lifecycle.step(command.status, command.failureReason, {
        type: "CANCEL",
        reason: "cancelled by operator",
      });
      if (!step) return { ok: false, status: command.status };
      const change = this.changeFor(command, step, "operator", this.clock.now(), actor);
      const outcome = yield* wait(this.repository.transition(change, command));
      if (outcome.ok) {
        this.publisher.publish({ command: outcome.command, entry: outcome.entry });
        return { ok: true, command: outcome.command };
      }
    }
    const current = yield* wait(this.repository.get(id));
    return { ok: false, status: current?.status ?? "unknown" };
  }

  get(id: string): Awaitable<Telecommand> {
    return andThen(this.repository.get(id), (command) => {
      if (!command) throw new NotFoundError(id);
      return command;
    });
  }

  list(query: ListQuery): Awaitable<Page<Telecommand>> {
    return this.repository.list(query);
  }

  history(id: string): Awaitable<HistoryEntry[]> {
    return runTask(this.historyTask(id));
  }

  /**
   * The histories of a page of commands, each oldest first, in the order of `ids`, in one read
   * of the repository (an export's page). An id unknown to the repository gets an empty history.
   */
  histories(ids: readonly string[]): Awaitable<HistoryEntry[][]> {
    return ids.length === 0 ? [] : this.repository.histories(ids);
  }

  private *historyTask(id: string): Task<HistoryEntry[]> {
    const entries = yield* wait(this.repository.history(id));
    if (entries.length === 0 && !(yield* wait(this.repository.get(id)))) throw new NotFoundError(id);
    return entries;
  }

  /**
   * Sends an event to a command: applied when the lifecycle allows it, otherwise recorded as
   * ignored (late or duplicate reports). Retries the compare-and-set when another writer wins,
   * unless `options.exact` asks for one attempt on `known` (see {@link ApplyOptions}).
   */
  apply(
    id: string,
    event: LifecycleEvent,
    source: TransitionSource,
    known?: Telecommand,
    options?: ApplyOptions,
  ): Awaitable<ApplyResult> {
    // No default `{}`: that would be a new object on every call.
    const exact = options !== undefined && options.exact === true;
    const actor = options?.actor ?? actorOfSource(source);
    const hinted = !exact && options !== undefined && options.hint === true && known !== undefined;
    if (!hinted) {
      const command = known ?? this.repository.get(id);
      if (!isPromiseLike(command)) return this.firstTry(id, event, source, actor, exact, known, command);
      const attempt: Attempt = { id, event, source, actor, known, exact, hinted, count: 0 };
      return Promise.resolve(command).then((read) => this.tryOn(attempt, read));
    }
    return this.tryOn({ id, event, source, actor, known, exact, hinted, count: 0 }, known);
  }

  /**
   * The first attempt of {@link apply} on a command at hand (not a hint), as {@link tryOn}
   * would make it: most events apply at the first attempt, which then needs no {@link Attempt}
   * object; one is made for the retries only.
   */
  private firstTry(
    id: string,
    event: LifecycleEvent,
    source: TransitionSource,
    actor: string,
    exact: boolean,
    known: Telecommand | undefined,
    command: Telecommand | null,
  ): Awaitable<ApplyResult> {
    if (command === null) return UNKNOWN;
    const step = this.lifecycle.step(command.status, command.failureReason, event);
    if (step === null) {
      const ignored: ApplyResult = { kind: "ignored", command };
      if (exact) return ignored;
      return andThen(this.recordIgnored(command, event, source, actor), () => ignored);
    }
    const written = this.repository.transition(
      this.changeFor(command, step, source, this.clock.now(), actor),
      command,
    );
    if (isPromiseLike(written)) {
      const attempt: Attempt = { id, event, source, actor, known, exact, hinted: false, count: 1 };
      return Promise.resolve(written).then((outcome) => this.afterWrite(attempt, outcome));
    }
    if (written.ok) return this.applied(written.command, written.entry);
    if (exact) return written.current ? { kind: "ignored", command: written.current } : UNKNOWN;
    return this.afterWrite({ id, event, source, actor, known, exact, hinted: false, count: 1 }, written);
  }

  /** Publishes an applied transition and answers it. */
  private applied(command: Telecommand, entry: HistoryEntry): ApplyResult {
    this.publisher.publish({ command, entry });
    return { kind: "applied", command, entry };
  }

  // The loop of `apply`, written as continuations rather than a generator: it runs for every
  // report and every transmission, and a generator costs a few allocations per step.
  private readAndTry(attempt: Attempt): Awaitable<ApplyResult> {
    const read = this.repository.get(attempt.id);
    return isPromiseLike(read)
      ? Promise.resolve(read).then((command) => this.tryOn(attempt, command))
      : this.tryOn(attempt, read);
  }

  private tryOn(attempt: Attempt, command: Telecommand | null): Awaitable<ApplyResult> {
    if (attempt.count >= MAX_CAS_ATTEMPTS) {
      return andThen(this.repository.get(attempt.id), (latest) =>
        latest ? { kind: "ignored" as const, command: latest } : UNKNOWN,
      );
    }
    attempt.count++;
    if (command === null) return UNKNOWN;
    const step = this.lifecycle.step(command.status, command.failureReason, attempt.event);
    if (step === null) {
      if (attempt.hinted && command === attempt.known) {
        // The cached copy may predate the state in which the event applies.
        attempt.hinted = false;
        return this.readAndTry(attempt);
      }
      const ignored: ApplyResult = { kind: "ignored", command };
      if (attempt.exact) return ignored;
      return andThen(
        this.recordIgnored(command, attempt.event, attempt.source, attempt.actor),
        () => ignored,
      );
    }
    const written = this.repository.transition(
      this.changeFor(command, step, attempt.source, this.clock.now(), attempt.actor),
      command,
    );
    return isPromiseLike(written)
      ? Promise.resolve(written).then((outcome) => this.afterWrite(attempt, outcome))
      : this.afterWrite(attempt, written);
  }

  private afterWrite(attempt: Attempt, outcome: TransitionOutcome): Awaitable<ApplyResult> {
    if (outcome.ok) return this.applied(outcome.command, outcome.entry);
    const current = outcome.current;
    if (attempt.exact) return current ? { kind: "ignored", command: current } : UNKNOWN;
    return current === null ? this.readAndTry(attempt) : this.tryOn(attempt, current);
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
  applySequence(
    id: string,
    events: readonly LifecycleEvent[],
    source: TransitionSource,
    known?: Telecommand,
    options?: ApplyOptions,
    each?: (result: ApplyResult, index: number) => void,
  ): Awaitable<ApplyResult[]> {
    return runTask(this.applySequenceTask(id, events, source, known, options, each));
  }

  private *applySequenceTask(
    id: string,
    events: readonly LifecycleEvent[],
    source: TransitionSource,
    known: Telecommand | undefined,
    options: ApplyOptions | undefined,
    each: ((result: ApplyResult, index: number) => void) | undefined,
  ): Task<ApplyResult[]> {
    const results: ApplyResult[] = [];
    let next = 0;
    let command = known;
    let first = options;
    if (events.length > 1 && this.repository.transitionChain !== undefined && !options?.exact) {
      command ??= (yield* wait(this.repository.get(id))) ?? undefined;
      const chained =
        command === undefined
          ? null
          : yield* wait(writeChain(this, this.repository, this.publisher, command, events, source));
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
      const result = yield* wait(this.apply(id, events[next] as LifecycleEvent, source, command, first));
      results.push(result);
      each?.(result, results.length - 1);
      command = result.kind === "unknown" ? undefined : result.command;
      first = options?.exact ? options : HINT;
    }
    return results;
  }

  /** Builds the compare-and-set for one step: stamps, deadline, history row (with `actor`, default the source's). */
  changeFor(
    command: Telecommand,
    step: Step,
    source: TransitionSource,
    at: Instant = this.clock.now(),
    actor: string = actorOfSource(source),
  ): TransitionChange {
    const target = this.lifecycle.state(step.to);
    // Every field present, so that all changes share one hidden class on the hot path.
    const stamps: TransitionStamps = {
      transmittedAt: undefined,
      acknowledgedAt: undefined,
      executedAt: undefined,
      failedAt: undefined,
      cancelledAt: undefined,
    };
    const field = stampFieldOf(target.kind);
    if (field) stamps[field] = at;
    if (target.kind === "executed" && command.acknowledgedAt === null) stamps.acknowledgedAt = at;
    return {
      id: command.id,
      expectedVersion: command.version,
      from: command.status,
      to: step.to,
      failureReason: step.failureReason,
      stamps,
      deadline: this.deadlineFor(target, step.to, command.notAfter, at, command.profile),
      at,
      reason: step.reason,
      source,
      actor,
      // A change of status ends any hold.
      held: command.held ? false : undefined,
      kind: undefined,
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

  private deadlineFor(
    state: StateDefinition,
    status: string,
    notAfter: Instant | null,
    at: Instant,
    profile: CommandProfile | null,
  ) {
    const timeouts = timeoutsOf(profile, this.timeouts);
    return deadlineOf(state, this.expires.get(status) === true, notAfter, at, timeouts);
  }

  private recordIgnored(
    command: Telecommand,
    event: LifecycleEvent,
    source: TransitionSource,
    actor: string,
  ): Awaitable<void> {
    const reason = `${event.type} ignored in ${command.status}${event.reason ? ` (${event.reason})` : ""}`;
    return andThen(
      this.repository.recordIgnored({ id: command.id, at: this.clock.now(), reason, source, actor }),
      (entry) => {
        if (entry) this.publisher.publish({ command, entry });
      },
    );
  }
}

/**
 * The category under which a refused submission counts as dropped (null: none known), or
 * undefined when the refusal is not a drop (a malformed request is only `rejected`).
 */
function droppedCategoryOf(error: unknown): string | null | undefined {
  if (error instanceof InhibitedError) return error.details.category;
  if (error instanceof InvalidArgumentError) return error.category;
  if (error instanceof UnknownCommandError) return null;
  return undefined;
}
