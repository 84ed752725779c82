import type { HistoryEntry, HistoryKind, Instant, TransitionSource } from "../types.js";
import { StringCodes } from "./string-codes.js";
import { widened } from "./typed-arrays.js";

const INITIAL_ROWS = 1024;

/**
 * The in-memory repository's history rows, one column per field, row `i` holding event id
 * `i + 1`. Rows are kept flat rather than as the entry objects handed to callers: a kept
 * object per transition was what the garbage collector spent its time copying in the core
 * benchmark. Statuses, sources and actors are kept as codes in typed arrays, beside the ids'
 * and reasons' shared strings: about 40 bytes a row, against 78 with a string slot for each.
 * Each row points back to its command's previous row, so a command's history is a walk back
 * from its last row.
 *
 * A row's `from` is not stored: it is the status the command was in, which is the `to` of its
 * previous row (none for the first), and an ignored event's `from` equals its `to`.
 */
export class HistoryLog {
  private size = 0;
  private readonly commandIds: string[] = [];
  /** `seq * 2`, plus one when the event was ignored. */
  private seqsAndIgnored = new Uint32Array(INITIAL_ROWS);
  /** Each row's `to`, as a code of {@link toCodes} (a lifecycle has a few statuses). */
  private tos = new Uint16Array(INITIAL_ROWS);
  private ats = new Float64Array(INITIAL_ROWS);
  private readonly reasons: (string | null)[] = [];
  private sources = new Uint8Array(INITIAL_ROWS);
  /** The actor of each row, as a code: the same few names recur over every row. */
  private actors = new Uint32Array(INITIAL_ROWS);
  /** The index of the same command's previous row; -1 for its first. */
  private previous = new Int32Array(INITIAL_ROWS);
  private readonly toCodes = new StringCodes();
  private readonly sourceCodes = new StringCodes<TransitionSource>();
  private readonly actorCodes = new StringCodes();
  /** The kind of each row that is not a transition (comments, holds and releases are few). */
  private readonly kinds = new Map<number, HistoryKind>();

  get length(): number {
    return this.size;
  }

  /**
   * Appends a row and returns its index. The entry's `eventId` must be the next one
   * (`length + 1`): the log holds every event from the first. Its `from` must be what the
   * log derives (see above).
   */
  append(entry: HistoryEntry, previous: number): number {
    const row = this.size;
    if (entry.eventId !== row + 1) {
      throw new Error(`history row ${entry.eventId} appended after ${row}`);
    }
    if (entry.from !== this.fromOf(entry.to, entry.ignored, previous)) {
      throw new Error(
        `history row ${entry.eventId} is not from ${this.fromOf(entry.to, entry.ignored, previous)}`,
      );
    }
    if (row === this.tos.length) this.grow();
    this.commandIds.push(entry.commandId);
    this.seqsAndIgnored[row] = entry.seq * 2 + (entry.ignored ? 1 : 0);
    this.tos[row] = this.toCodes.code(entry.to);
    this.ats[row] = entry.at;
    this.reasons.push(entry.reason);
    this.sources[row] = this.sourceCodes.code(entry.source);
    this.actors[row] = this.actorCodes.code(entry.actor);
    if (entry.kind !== "transition") this.kinds.set(row, entry.kind);
    this.previous[row] = previous;
    this.size = row + 1;
    return row;
  }

  /** The row at `index` as an entry. */
  entry(index: number): HistoryEntry {
    const seqAndIgnored = this.seqsAndIgnored[index] as number;
    const to = this.toOf(index);
    const ignored = (seqAndIgnored & 1) === 1;
    return {
      eventId: index + 1,
      commandId: this.commandIds[index] as string,
      seq: seqAndIgnored >>> 1,
      from: this.fromOf(to, ignored, this.previous[index] as number),
      to,
      at: this.ats[index] as Instant,
      reason: this.reasons[index] as string | null,
      source: this.sourceCodes.value(this.sources[index] as number) as TransitionSource,
      actor: this.actorCodes.value(this.actors[index] as number) as string,
      ignored,
      kind: this.kinds.get(index) ?? "transition",
    };
  }

  private fromOf(to: string, ignored: boolean, previous: number): string | null {
    if (ignored) return to;
    return previous < 0 ? null : this.toOf(previous);
  }

  private toOf(row: number): string {
    return this.toCodes.value(this.tos[row] as number) as string;
  }

  private grow(): void {
    const n = this.tos.length * 2;
    this.seqsAndIgnored = widened(this.seqsAndIgnored, n);
    this.tos = widened(this.tos, n);
    this.ats = widened(this.ats, n);
    this.sources = widened(this.sources, n);
    this.actors = widened(this.actors, n);
    this.previous = widened(this.previous, n);
  }

  /** One command's entries, oldest first, given the index of its last row (-1: none). */
  commandHistory(last: number): HistoryEntry[] {
    const entries: HistoryEntry[] = [];
    for (let i = last; i >= 0; i = this.previous[i] as number) entries.push(this.entry(i));
    return entries.reverse();
  }

  /** Up to `limit` entries with `eventId > after`, in event id order. */
  after(after: number, limit: number): HistoryEntry[] {
    const entries: HistoryEntry[] = [];
    const end = Math.min(this.size, Math.max(0, Math.floor(after)) + Math.max(0, limit));
    for (let i = Math.max(0, Math.floor(after)); i < end; i++) entries.push(this.entry(i));
    return entries;
  }
}
