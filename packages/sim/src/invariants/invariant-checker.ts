import { type Instant, Lifecycle, type StateKind } from "@uplink/core";
import type {
  TraceCancel,
  TraceRecord,
  TraceSink,
  TraceSpacecraft,
  TraceSubmit,
  TraceTransition,
  TraceUplink,
} from "../trace/trace-record.js";
import { CommandTable } from "./command-table.js";
import type { InvariantName, Violation } from "./invariants.js";

/** How the invariant checker reads a trace. */
export interface InvariantCheckerOptions {
  /** The lifecycle the run used (default: core's default lifecycle). */
  readonly lifecycle?: Lifecycle;
  /** Allowed lateness beyond the timeouts for `bounded-time-to-final` (default 1 000 ms). */
  readonly slackMs?: number;
}

const OUTCOME_EXECUTED = 1;
const OUTCOME_FAILED = 2;
const OUTCOME_REJECTED = 3;

/**
 * Checks a trace record by record as it is written (a {@link TraceSink}), so that a long run
 * is checked without keeping its trace. The first broken invariant is kept in
 * {@link violation}; later records are still read but not checked. Call {@link finish} after
 * the last record.
 *
 * @example
 * const checker = new InvariantChecker();
 * for (const record of trace) checker.write(record);
 * checker.finish(); // null, or the first Violation
 */
export class InvariantChecker implements TraceSink {
  private broken: Violation | null = null;
  private readonly table = new CommandTable();
  private readonly statusCode = new Map<string, number>();
  private readonly kinds: StateKind[] = [];
  private readonly ranks: number[] = [];
  private readonly spacecraftCode = new Map<string, number>();
  private readonly windows: { starts: number[]; ends: number[] }[] = [];
  private readonly lifecycle: Lifecycle;
  private readonly slackMs: number;
  private boundMs = Number.POSITIVE_INFINITY;
  /** Rows of transmitted commands, in transmission order, not yet known final or checked. */
  private pendingFinal: number[] = [];
  private pendingHead = 0;
  private lastEventId = 0;
  private records = 0;
  private ended: Instant | null = null;

  constructor(options: InvariantCheckerOptions = {}) {
    this.lifecycle = options.lifecycle ?? new Lifecycle();
    this.slackMs = options.slackMs ?? 1_000;
    this.lifecycle.statuses.forEach((name, code) => {
      this.statusCode.set(name, code);
      const state = this.lifecycle.state(name);
      this.kinds.push(state.kind);
      this.ranks.push(state.rank);
    });
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
      case "header": {
        const executionStages = this.lifecycle.statuses.filter(
          (s) => this.lifecycle.state(s).timeout === "execution",
        );
        this.boundMs =
          record.acceptanceTimeoutMs + executionStages.length * record.executionTimeoutMs + this.slackMs;
        return;
      }
      case "window":
        this.addWindow(record.spacecraftId, record.start, record.end);
        return;
      case "submit":
        this.checkDeadlines(record.at);
        this.submit(record);
        return;
      case "transition":
        this.checkDeadlines(record.at);
        this.transition(record);
        return;
      case "uplink":
        this.checkDeadlines(record.at);
        this.uplink(record);
        return;
      case "spacecraft":
        this.checkDeadlines(record.at);
        this.spacecraftEvent(record);
        return;
      case "cancel":
        this.checkDeadlines(record.at);
        this.cancel(record);
        return;
      case "end":
        this.ended = record.at;
        this.checkDeadlines(record.at);
        return;
    }
  }

  /** Ends the check (at the `end` record's time, or `at`): returns the first violation, or null. */
  finish(at?: Instant): Violation | null {
    const end = at ?? this.ended;
    if (end !== null) this.checkDeadlines(end);
    return this.broken;
  }

  private fail(invariant: InvariantName, row: number, at: Instant, message: string): void {
    if (this.broken !== null) return;
    this.broken = { invariant, commandId: row < 0 ? null : (this.table.ids[row] as string), at, message };
  }

  private addWindow(spacecraftId: string, start: Instant, end: Instant): void {
    const sc = this.spacecraftIndex(spacecraftId);
    const w = this.windows[sc] as { starts: number[]; ends: number[] };
    const last = w.starts.length - 1;
    if (last >= 0 && start < (w.starts[last] as number)) {
      // Out of order: insert in place (traces write windows sorted, so this is rare).
      let i = last;
      while (i >= 0 && (w.starts[i] as number) > start) i--;
      w.starts.splice(i + 1, 0, start);
      w.ends.splice(i + 1, 0, end);
    } else {
      w.starts.push(start);
      w.ends.push(end);
    }
  }

  private spacecraftIndex(spacecraftId: string): number {
    let sc = this.spacecraftCode.get(spacecraftId);
    if (sc === undefined) {
      sc = this.spacecraftCode.size;
      this.spacecraftCode.set(spacecraftId, sc);
      this.windows.push({ starts: [], ends: [] });
    }
    return sc;
  }

  private inContact(sc: number, at: Instant): boolean {
    const { starts, ends } = this.windows[sc] as { starts: number[]; ends: number[] };
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] as number) <= at) lo = mid + 1;
      else hi = mid;
    }
    // Windows may overlap if a trace lists them so: look back while they could still cover `at`.
    for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) if (at < (ends[i] as number)) return true;
    return false;
  }

  private submit(r: TraceSubmit): void {
    const t = this.table;
    if (t.rowOf(r.id) >= 0) {
      this.fail("history-append-only", t.rowOf(r.id), r.at, "submitted twice");
      return;
    }
    const row = t.add(r.id);
    t.spacecraft[row] = this.spacecraftIndex(r.spacecraftId);
    t.notBefore[row] = r.notBefore ?? Number.NaN;
    t.notAfter[row] = r.notAfter ?? Number.NaN;
    t.lastAt[row] = r.at;
    // The status is set by the first history entry (null → initial).
    t.status[row] = 255;
  }

  private transition(r: TraceTransition): void {
    const t = this.table;
    const row = t.rowOf(r.id);
    if (row < 0) {
      this.fail(
        "history-append-only",
        -1,
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
    const to = this.statusCode.get(r.to);
    if (to === undefined) {
      this.fail("history-append-only", row, r.at, `unknown status ${r.to}`);
      return;
    }
    const current = t.status[row] as number;
    if (r.from === null) {
      if (current !== 255 || r.seq !== 1 || r.to !== this.lifecycle.initial) {
        this.fail(
          "history-append-only",
          row,
          r.at,
          `only the first entry may start from nothing, into ${this.lifecycle.initial}`,
        );
        return;
      }
      t.status[row] = to;
      return;
    }
    const from = this.statusCode.get(r.from);
    if (from === undefined || from !== current) {
      this.fail(
        "history-append-only",
        row,
        r.at,
        `entry from ${r.from} but the command is ${this.nameOf(current)}`,
      );
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
    const fromKind = this.kinds[from] as StateKind;
    const toKind = this.kinds[to] as StateKind;
    if (isFinal(fromKind)) {
      this.fail("final-absorbs", row, r.at, `${r.from} is final, yet ${r.to} was applied`);
      return;
    }
    if ((this.ranks[to] as number) <= (this.ranks[from] as number)) {
      this.fail("no-regression", row, r.at, `${r.from} went back to ${r.to}`);
      return;
    }
    if (toKind === "cancelled" && fromKind !== "queued") {
      this.fail("cancel-only-from-ready", row, r.at, `cancelled from ${r.from}`);
      return;
    }
    if (toKind === "transmitted") {
      const notBefore = t.notBefore[row] as number;
      const notAfter = t.notAfter[row] as number;
      if (!this.inContact(t.spacecraft[row] as number, r.at)) {
        this.fail("transmit-in-contact", row, r.at, "marked transmitted outside every contact window");
        return;
      }
      if (r.at < notBefore) {
        this.fail("transmit-not-before", row, r.at, `transmitted before notBefore ${iso(notBefore)}`);
        return;
      }
      if (r.at > notAfter) {
        this.fail("transmit-not-after", row, r.at, `transmitted after notAfter ${iso(notAfter)}`);
        return;
      }
      t.transmittedAt[row] = r.at;
      this.pendingFinal.push(row);
    }
    if (toKind === "failed" && r.failureReason === "expired" && !(r.at > (t.notAfter[row] as number))) {
      this.fail(
        "expire-after-not-after",
        row,
        r.at,
        `expired although notAfter is ${iso(t.notAfter[row] as number)}`,
      );
      return;
    }
    t.status[row] = to;
    if (isFinal(toKind)) {
      t.finalAt[row] = r.at;
      this.checkOutcome(row, r, toKind);
    }
  }

  private checkOutcome(row: number, r: TraceTransition, kind: StateKind): void {
    const outcome = this.table.outcome[row] as number;
    if (kind === "executed" && outcome !== OUTCOME_EXECUTED) {
      this.fail(
        "outcome-matches-spacecraft",
        row,
        r.at,
        "ended executed, but the spacecraft did not execute it",
      );
    } else if (kind === "failed" && r.failureReason === "completion_failed" && outcome !== OUTCOME_FAILED) {
      this.fail(
        "outcome-matches-spacecraft",
        row,
        r.at,
        "ended completion_failed, but execution did not fail on board",
      );
    } else if (kind === "failed" && r.failureReason === "rejected" && outcome !== OUTCOME_REJECTED) {
      this.fail(
        "outcome-matches-spacecraft",
        row,
        r.at,
        "ended rejected, but the spacecraft did not reject it",
      );
    }
  }

  private uplink(r: TraceUplink): void {
    const t = this.table;
    const row = t.rowOf(r.id);
    if (row < 0 || Number.isNaN(t.transmittedAt[row] as number)) {
      this.fail("uplink-after-transmit", row, r.at, "handed to the uplink before it was marked transmitted");
      return;
    }
    t.uplinks[row] = (t.uplinks[row] as number) + 1;
    if ((t.uplinks[row] as number) > 1) {
      this.fail("uplink-after-transmit", row, r.at, "handed to the uplink a second time");
      return;
    }
    if (!this.inContact(t.spacecraft[row] as number, r.at)) {
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
    const kind = this.kinds[this.table.status[row] as number] as StateKind;
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

  /** Fails the first transmitted command still not final when its bound has passed by `now`. */
  private checkDeadlines(now: Instant): void {
    const t = this.table;
    const queue = this.pendingFinal;
    while (this.pendingHead < queue.length) {
      const row = queue[this.pendingHead] as number;
      const due = (t.transmittedAt[row] as number) + this.boundMs;
      const finalAt = t.finalAt[row] as number;
      if (!Number.isNaN(finalAt)) {
        if (finalAt > due) {
          this.fail(
            "bounded-time-to-final",
            row,
            due,
            `final only at ${iso(finalAt)}, ${this.boundMs} ms bound`,
          );
          return;
        }
      } else if (due < now) {
        this.fail(
          "bounded-time-to-final",
          row,
          due,
          `transmitted at ${iso(t.transmittedAt[row] as number)}, still ${this.nameOf(t.status[row] as number)}`,
        );
        return;
      } else {
        // Transmissions come in time order, so later ones are not due either; but a later one may
        // already be final: it is checked when it reaches the head.
        break;
      }
      this.pendingHead++;
    }
    if (this.pendingHead > 65_536 && this.pendingHead * 2 > queue.length) {
      this.pendingFinal = queue.slice(this.pendingHead);
      this.pendingHead = 0;
    }
  }

  private nameOf(code: number): string {
    return code === 255 ? "unborn" : (this.lifecycle.statuses[code] as string);
  }
}

function isFinal(kind: StateKind): boolean {
  return kind === "executed" || kind === "failed" || kind === "cancelled";
}

function iso(at: number): string {
  return Number.isFinite(at) ? new Date(at).toISOString() : String(at);
}
