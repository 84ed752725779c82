import { type Instant, Lifecycle } from "@uplink/core";
import type {
  TraceApproval,
  TraceCancel,
  TraceHeader,
  TraceRecord,
  TraceSink,
  TraceSpacecraft,
  TraceSubmit,
  TraceTransition,
  TraceUplink,
} from "../trace/trace-record.js";
import { CommandTable } from "./command-table.js";
import { ContactWindowIndex } from "./contact-windows.js";
import { FinalDeadlines } from "./final-deadlines.js";
import { InhibitWatch } from "./inhibit-watch.js";
import type { InvariantName, Violation } from "./invariants.js";
import { isFinalKind, LifecycleCodes, UNBORN } from "./lifecycle-codes.js";
import { type QueuedCommand, QueuedCommands } from "./queued-commands.js";
import {
  type Broken,
  checkExpiry,
  checkOutcome,
  checkTransmission,
  iso,
  OUTCOME_EXECUTED,
  OUTCOME_FAILED,
  OUTCOME_REJECTED,
} from "./transition-rules.js";

/** How the invariant checker reads a trace. */
export interface InvariantCheckerOptions {
  /** The lifecycle the run used (default: core's default lifecycle). */
  readonly lifecycle?: Lifecycle;
  /**
   * Allowed lateness beyond the timeouts for `bounded-time-to-final`, beyond `notAfter` for
   * `expire-when-not-after-passes`, and beyond a sender's delays for `none-lost` (default 1 000 ms).
   */
  readonly slackMs?: number;
  /** How many commands the trace will likely have: the checker's columns make room for them at once. */
  readonly expectedCommands?: number;
}

/** What a trace's header may leave out (older traces): SPEC §2's default delay and lease. */
const DEFAULT_TRANSMIT_DELAY_MAX_MS = 30_000;
const DEFAULT_LEASE_MS = 60_000;

/**
 * Checks a trace record by record as it is written (a {@link TraceSink}), so that a long run
 * is checked without keeping its trace. The first broken invariant is kept in
 * {@link violation}; later records are counted but not checked. Call {@link finish} after the
 * last record.
 *
 * @example
 * const checker = new InvariantChecker();
 * for (const record of trace) checker.write(record);
 * checker.finish(); // null, or the first Violation
 */
export class InvariantChecker implements TraceSink {
  private broken: Violation | null = null;
  private readonly table: CommandTable;
  private readonly codes: LifecycleCodes;
  private readonly windows = new ContactWindowIndex();
  private readonly deadlines: FinalDeadlines;
  private readonly slackMs: number;
  private readonly queued = new QueuedCommands();
  private readonly inhibits: InhibitWatch;
  /**
   * Commands waiting for a second person's approval, by row: out of the queue (nothing may be
   * sent, nor overtaken) until approved, when they join it from that instant.
   */
  private readonly awaitingApproval = new Map<number, QueuedCommand>();
  /** Commands held by an operator, by row (SPEC §10): out of the queue until released. */
  private readonly heldCommands = new Map<number, QueuedCommand>();
  /** Spacecraft (by window code) whose queue is held or closed now (SPEC §10). */
  private readonly pausedQueues = new Set<number>();
  /** How long a command may wait in a long enough window: the longest transmit delay, a lease a crashed sender left, the slack. */
  private sendWithinMs = DEFAULT_TRANSMIT_DELAY_MAX_MS + DEFAULT_LEASE_MS;
  /** The latest instant at which a command became sendable, or the ground restarted. */
  private settledFrom = Number.NEGATIVE_INFINITY;
  private lastEventId = 0;
  private records = 0;
  private ended: Instant | null = null;

  constructor(options: InvariantCheckerOptions = {}) {
    this.codes = new LifecycleCodes(options.lifecycle ?? new Lifecycle());
    this.slackMs = options.slackMs ?? 1_000;
    this.table = new CommandTable(options.expectedCommands);
    this.deadlines = new FinalDeadlines(this.table);
    this.inhibits = new InhibitWatch(this.table.capacity);
  }

  /** The first violation found so far, or null. */
  get violation(): Violation | null {
    return this.broken;
  }

  /** How much was checked. */
  get checked(): { readonly records: number; readonly commands: number } {
    return { records: this.records, commands: this.table.size };
  }

  write(record: TraceRecord): void {
    this.records++;
    if (this.broken !== null) return;
    switch (record.type) {
      case "header":
        this.header(record);
        return;
      case "window":
        this.windows.add(record.spacecraftId, record.start, record.end);
        return;
      case "end":
        this.ended = record.at;
        this.checkDeadlines(record.at);
        return;
      case "inhibit":
        this.inhibits.set(record.spacecraftId, record.commands, record.categories);
        return;
      case "restart":
        this.settledFrom = Math.max(this.settledFrom, record.at);
        this.checkDeadlines(record.at);
        return;
      case "queue":
        this.queueState(record.spacecraftId, record.state, record.at);
        return;
      case "mode":
        // The spacecraft's own state: no rule of the ground's lifecycle is about it.
        this.checkDeadlines(record.at);
        return;
    }
    this.checkDeadlines(record.at);
    if (this.broken !== null) return;
    if (record.type === "submit") this.submit(record);
    else if (record.type === "transition") this.transition(record);
    else if (record.type === "uplink") this.uplink(record);
    else if (record.type === "spacecraft") this.spacecraftEvent(record);
    else if (record.type === "approval") this.approval(record);
    else if (record.type === "hold") return;
    else this.cancel(record);
  }

  /** Ends the check (at the `end` record's time, or `at`): returns the first violation, or null. */
  finish(at?: Instant): Violation | null {
    const end = at ?? this.ended;
    if (end !== null) {
      this.checkDeadlines(end);
      this.checkNoneLost(end);
    }
    return this.broken;
  }

  private header(record: TraceHeader): void {
    this.deadlines.boundMs =
      record.acceptanceTimeoutMs + this.codes.executionStages * record.executionTimeoutMs + this.slackMs;
    this.sendWithinMs =
      (record.transmitDelayMaxMs ?? DEFAULT_TRANSMIT_DELAY_MAX_MS) +
      (record.leaseMs ?? DEFAULT_LEASE_MS) +
      this.slackMs;
  }

  private fail(invariant: InvariantName, row: number, at: Instant, message: string): void {
    if (this.broken !== null) return;
    this.broken = { invariant, commandId: row < 0 ? null : this.table.ids.at(row), at, message };
  }

  private submit(r: TraceSubmit): void {
    const t = this.table;
    const row = t.add(r.id);
    if (row < 0) {
      this.fail("history-append-only", t.rowOf(r.id), r.at, "submitted twice");
      return;
    }
    t.spacecraft[row] = this.windows.code(r.spacecraftId);
    this.inhibits.submit(row, r.name, r.spacecraftId, r.category);
    t.notBefore[row] = r.notBefore ?? Number.NaN;
    t.notAfter[row] = r.notAfter ?? Number.NaN;
    const since = Math.max(r.at, r.notBefore ?? r.at);
    this.settledFrom = Math.max(this.settledFrom, since);
    this.queued.advance(r.at);
    this.queued.add({
      row,
      spacecraft: t.spacecraft[row] as number,
      id: r.id,
      priority: r.priority,
      createdAt: r.at,
      since,
      notAfter: r.notAfter ?? Number.NaN,
    });
    t.lastAt[row] = r.at;
    // The status is set by the first history entry (null → initial).
    t.status[row] = UNBORN;
  }

  private transition(r: TraceTransition): void {
    const t = this.table;
    const row = t.rowOf(r.id);
    if (row < 0) {
      this.fail(
        "history-append-only",
        row,
        r.at,
        `history entry for command ${r.id}, which was never submitted`,
      );
      return;
    }
    if (r.eventId <= this.lastEventId) {
      this.fail("history-append-only", row, r.at, `event id ${r.eventId} after ${this.lastEventId}`);
      return;
    }
    this.lastEventId = r.eventId;
    if (r.seq !== (t.seq[row] as number) + 1) {
      this.fail("history-append-only", row, r.at, `history entry ${r.seq} follows entry ${t.seq[row]}`);
      return;
    }
    t.seq[row] = r.seq;
    if (r.at < (t.lastAt[row] as number)) {
      this.fail("history-append-only", row, r.at, `history goes back in time (from ${t.lastAt[row]})`);
      return;
    }
    t.lastAt[row] = r.at;
    const to = this.codes.code(r.to);
    if (to === undefined) {
      this.fail("history-append-only", row, r.at, `unknown status ${r.to}`);
      return;
    }
    const current = t.status[row] as number;
    if (r.from === null) {
      const { initial, approvalStatus } = this.codes.lifecycle;
      if (current !== UNBORN || r.seq !== 1 || (r.to !== initial && r.to !== approvalStatus)) {
        this.fail(
          "history-append-only",
          row,
          r.at,
          `only the first entry may start from nothing, into ${initial}${approvalStatus === null ? "" : ` or ${approvalStatus}`}`,
        );
        return;
      }
      if (r.to === approvalStatus) this.awaitApproval(row);
      t.status[row] = to;
      return;
    }
    const from = this.codes.code(r.from);
    if (from === undefined || from !== current) {
      const message = `entry from ${r.from} but the command is ${this.codes.name(current)}`;
      this.fail("history-append-only", row, r.at, message);
      return;
    }
    if (r.kind !== undefined) {
      this.note(row, r, to, current);
      return;
    }
    if (r.ignored) {
      if (to !== from)
        this.fail("history-append-only", row, r.at, `an ignored entry changes ${r.from} to ${r.to}`);
      return;
    }
    this.applied(row, r, from, to);
  }

  private applied(row: number, r: TraceTransition, from: number, to: number): void {
    const t = this.table;
    const fromKind = this.codes.kind(from);
    const toKind = this.codes.kind(to);
    if (isFinalKind(fromKind)) {
      this.fail("final-absorbs", row, r.at, `${r.from} is final, yet ${r.to} was applied`);
      return;
    }
    if ((this.codes.ranks[to] as number) <= (this.codes.ranks[from] as number)) {
      this.fail("no-regression", row, r.at, `${r.from} went back to ${r.to}`);
      return;
    }
    if (toKind === "cancelled" && fromKind !== "queued" && fromKind !== "approval") {
      this.fail("cancel-only-from-ready", row, r.at, `cancelled from ${r.from}`);
      return;
    }
    if (toKind === "transmitted") {
      if (this.pausedQueues.has(t.spacecraft[row] as number)) {
        this.fail(
          "transmit-queue-open",
          row,
          r.at,
          "transmitted while its spacecraft's queue was held or closed",
        );
        return;
      }
      if (this.heldCommands.has(row)) {
        this.fail("transmit-not-held", row, r.at, "transmitted while an operator held it");
        return;
      }
      if (fromKind === "approval" || this.awaitingApproval.has(row)) {
        this.fail("transmit-only-approved", row, r.at, `transmitted from ${r.from} without an approval`);
        return;
      }
      if (this.inhibits.isInhibited(row)) {
        this.fail("transmit-not-inhibited", row, r.at, "transmitted while its name is inhibited");
        return;
      }
      if (this.failOn(checkTransmission(t, this.windows, row, r.at), row, r.at)) return;
      if (this.checkOvertaking(row, r.at)) return;
      t.transmittedAt[row] = r.at;
      this.deadlines.push(row);
    }
    if (fromKind === "queued" && toKind !== "queued") {
      this.queued.remove(row);
      this.heldCommands.delete(row);
    }
    if (fromKind === "approval" && toKind !== "approval") this.approved(row, r.at, toKind === "queued");
    if (toKind === "failed" && r.failureReason === "inhibited" && this.checkInhibitedFailure(row, r.at))
      return;
    if (
      toKind === "failed" &&
      r.failureReason === "expired" &&
      this.failOn(checkExpiry(t, row, r.at), row, r.at)
    )
      return;
    t.status[row] = to;
    if (!isFinalKind(toKind)) return;
    t.finalAt[row] = r.at;
    this.failOn(checkOutcome(toKind, r.failureReason, t.outcome[row] as number), row, r.at);
  }

  /** A command failed `inhibited`: it must be inhibited now and never have been transmitted. */
  private checkInhibitedFailure(row: number, at: Instant): boolean {
    if (!Number.isNaN(this.table.transmittedAt[row] as number)) {
      this.fail("transmit-not-inhibited", row, at, "failed inhibited after it was transmitted");
      return true;
    }
    if (!this.inhibits.isInhibited(row)) {
      this.fail("transmit-not-inhibited", row, at, "failed inhibited while its name was not inhibited");
      return true;
    }
    return false;
  }

  /** Records a broken rule, if any; true when there was one. */
  private failOn(broken: Broken | null, row: number, at: Instant): boolean {
    if (broken) this.fail(broken.invariant, row, at, broken.message);
    return broken !== null;
  }

  /**
   * A spacecraft's queue changed: nothing of it may be sent until it opens, and what waited is
   * sendable again from then on (as after a restart, for `none-lost`).
   */
  private queueState(spacecraftId: string, state: string, at: Instant): void {
    const code = this.windows.code(spacecraftId);
    if (state === "open") {
      if (this.pausedQueues.delete(code)) this.settledFrom = Math.max(this.settledFrom, at);
    } else this.pausedQueues.add(code);
    this.checkDeadlines(at);
  }

  /**
   * An entry that is not a transition: it changes no status (a comment; a hold or a release of
   * a queued command, which takes it out of the queue or puts it back, sendable from then on).
   */
  private note(row: number, r: TraceTransition, to: number, current: number): void {
    if (to !== current || r.ignored) {
      this.fail("history-append-only", row, r.at, `a ${r.kind} entry changes ${r.from} to ${r.to}`);
      return;
    }
    if (r.kind === "comment") return;
    if (this.codes.kind(current) !== "queued") {
      this.fail("transmit-not-held", row, r.at, `a ${r.kind} of a command that is ${r.to}`);
      return;
    }
    if (r.kind === "hold") {
      const queued = this.queued.take(row);
      if (queued !== undefined) this.heldCommands.set(row, queued);
      return;
    }
    const held = this.heldCommands.get(row);
    this.heldCommands.delete(row);
    if (held === undefined) return;
    const since = Math.max(held.since, r.at);
    this.settledFrom = Math.max(this.settledFrom, since);
    this.queued.advance(r.at);
    this.queued.add({ ...held, since });
  }

  /** A command's first entry put it in an approval state: out of the queue until approved. */
  private awaitApproval(row: number): void {
    // Submitted just before (its submit record precedes its first entry), so still queued here.
    const queued = this.queued.take(row);
    if (queued !== undefined) this.awaitingApproval.set(row, queued);
  }

  /** A command left its approval state: approved into the queue (sendable from now), or not. */
  private approved(row: number, at: Instant, intoQueue: boolean): void {
    const waiting = this.awaitingApproval.get(row);
    this.awaitingApproval.delete(row);
    if (!intoQueue || waiting === undefined) return;
    const since = Math.max(waiting.since, at);
    this.settledFrom = Math.max(this.settledFrom, since);
    this.queued.advance(at);
    this.queued.add({ ...waiting, since });
  }

  /**
   * A second person's decision: one that succeeded has taken the command out of its approval
   * state (an approved one may already have been sent on), a rejection into cancelled.
   */
  private approval(r: TraceApproval): void {
    const row = this.table.rowOf(r.id);
    if (row < 0 || !r.ok) return;
    const kind = this.codes.kind(this.table.status[row] as number);
    if (kind === "approval" || (r.decision === "reject" && kind !== "cancelled")) {
      const now = this.codes.name(this.table.status[row] as number);
      this.fail("transmit-only-approved", row, r.at, `a ${r.decision} succeeded, yet the command is ${now}`);
    }
  }

  private uplink(r: TraceUplink): void {
    const t = this.table;
    const row = t.rowOf(r.id);
    if (this.awaitingApproval.has(row)) {
      this.fail("transmit-only-approved", row, r.at, "handed to the uplink while pending approval");
      return;
    }
    if (this.heldCommands.has(row)) {
      this.fail("transmit-not-held", row, r.at, "handed to the uplink while an operator held it");
      return;
    }
    if (row >= 0 && this.pausedQueues.has(t.spacecraft[row] as number)) {
      this.fail(
        "transmit-queue-open",
        row,
        r.at,
        "handed to the uplink while its spacecraft's queue was held or closed",
      );
      return;
    }
    if (row < 0 || Number.isNaN(t.transmittedAt[row] as number)) {
      this.fail("uplink-after-transmit", row, r.at, "handed to the uplink before it was marked transmitted");
      return;
    }
    t.uplinks[row] = (t.uplinks[row] as number) + 1;
    if ((t.uplinks[row] as number) > 1) {
      this.fail("uplink-after-transmit", row, r.at, "handed to the uplink a second time");
      return;
    }
    if (!this.windows.inContact(t.spacecraft[row] as number, r.at)) {
      this.fail("uplink-in-contact", row, r.at, "handed to the uplink outside every contact window");
    }
  }

  private spacecraftEvent(r: TraceSpacecraft): void {
    const t = this.table;
    const row = t.rowOf(r.id);
    if (row < 0) return;
    if (r.event === "rejected") t.outcome[row] = OUTCOME_REJECTED;
    if (r.event !== "executed") return;
    t.executions[row] = (t.executions[row] as number) + 1;
    if ((t.executions[row] as number) > 1) {
      this.fail("execute-at-most-once", row, r.at, "executed a second time on board");
      return;
    }
    t.outcome[row] = r.success ? OUTCOME_EXECUTED : OUTCOME_FAILED;
  }

  private cancel(r: TraceCancel): void {
    const row = this.table.rowOf(r.id);
    if (row < 0) return;
    const kind = this.codes.kind(this.table.status[row] as number);
    if (r.ok && kind !== "cancelled") {
      this.fail("cancel-only-from-ready", row, r.at, `a cancel succeeded, yet the command is ${r.status}`);
    } else if (!r.ok && kind === "queued") {
      this.fail(
        "cancel-only-from-ready",
        row,
        r.at,
        "a cancel of a ready command was refused, and nothing else won",
      );
    }
  }

  /** SPEC §2: the command transmitted at `at` overtook none still queued before it. */
  private checkOvertaking(row: number, at: Instant): boolean {
    this.queued.advance(at);
    const overtaken = this.queued.overtaken(row);
    if (overtaken === null) return false;
    this.fail(
      "transmit-in-dispatch-order",
      row,
      at,
      `transmitted while ${overtaken.id}, before it in dispatch order and sendable since ${iso(overtaken.since)}, is still queued`,
    );
    return true;
  }

  /** At the end: a command still queued had no contact window, after it could be sent and after every restart, that would have sent it. */
  private checkNoneLost(end: Instant): void {
    if (this.broken !== null) return;
    for (const q of this.queued.remaining()) {
      // A queue still held or closed at the end keeps its commands, as it should.
      if (this.pausedQueues.has(q.spacecraft)) continue;
      const from = Math.max(q.since, this.settledFrom);
      const window = this.windows.carrying(q.spacecraft, from, this.sendWithinMs, end);
      if (window === null) continue;
      this.fail(
        "none-lost",
        q.row,
        end,
        `still ${this.codes.name(this.table.status[q.row] as number)} at the end, though the window ${iso(window.start)} to ${iso(window.end)} could have sent it`,
      );
      return;
    }
  }

  private checkDeadlines(now: Instant): void {
    const expired = this.queued.expiredLate(now, this.slackMs);
    if (expired !== null) {
      this.fail(
        "expire-when-not-after-passes",
        expired.row,
        expired.notAfter + this.slackMs,
        `still ${this.codes.name(this.table.status[expired.row] as number)} after its notAfter ${iso(expired.notAfter)}`,
      );
      return;
    }
    const late = this.deadlines.check(now);
    if (late === null) return;
    const t = this.table;
    const message = Number.isNaN(late.finalAt)
      ? `transmitted at ${iso(t.transmittedAt[late.row] as number)}, still ${this.codes.name(t.status[late.row] as number)}`
      : `final only at ${iso(late.finalAt)}, ${this.deadlines.boundMs} ms bound`;
    this.fail("bounded-time-to-final", late.row, late.due, message);
  }
}
