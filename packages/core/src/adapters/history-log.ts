import type { HistoryEntry, HistoryKind, Instant, TransitionSource } from "../types.js";

/**
 * The in-memory repository's history rows, one array per field, row `i` holding event id
 * `i + 1`. Rows are kept flat rather than as the entry objects handed to callers: a kept
 * object per transition was what the garbage collector spent its time copying in the core
 * benchmark, while these arrays hold only numbers and shared strings. Each row points back to
 * its command's previous row, so a command's history is a walk back from its last row.
 *
 * A row's `from` is not stored: it is the status the command was in, which is the `to` of its
 * previous row (none for the first), and an ignored event's `from` equals its `to`.
 */
export class HistoryLog {
  private readonly commandIds: string[] = [];
  /** `seq * 2`, plus one when the event was ignored. */
  private readonly seqsAndIgnored: number[] = [];
  private readonly tos: string[] = [];
  private readonly ats: Instant[] = [];
  private readonly reasons: (string | null)[] = [];
  private readonly sources: TransitionSource[] = [];
  /** The actor of each row; the same few strings are shared by every row. */
  private readonly actors: string[] = [];
  /** The kind of each row that is not a transition (comments, holds and releases are few). */
  private readonly kinds = new Map<number, HistoryKind>();
  /** The index of the same command's previous row; -1 for its first. */
  private readonly previous: number[] = [];

  get length(): number {
    return this.tos.length;
  }

  /**
   * Appends a row and returns its index. The entry's `eventId` must be the next one
   * (`length + 1`): the log holds every event from the first. Its `from` must be what the
   * log derives (see above).
   */
  append(entry: HistoryEntry, previous: number): number {
    if (entry.eventId !== this.tos.length + 1) {
      throw new Error(`history row ${entry.eventId} appended after ${this.tos.length}`);
    }
    if (entry.from !== this.fromOf(entry.to, entry.ignored, previous)) {
      throw new Error(
        `history row ${entry.eventId} is not from ${this.fromOf(entry.to, entry.ignored, previous)}`,
      );
    }
    this.commandIds.push(entry.commandId);
    this.seqsAndIgnored.push(entry.seq * 2 + (entry.ignored ? 1 : 0));
    this.tos.push(entry.to);
    this.ats.push(entry.at);
    this.reasons.push(entry.reason);
    this.sources.push(entry.source);
    this.actors.push(entry.actor);
    if (entry.kind !== "transition") this.kinds.set(this.tos.length - 1, entry.kind);
    this.previous.push(previous);
    return this.tos.length - 1;
  }

  /** The row at `index` as an entry. */
  entry(index: number): HistoryEntry {
    const seqAndIgnored = this.seqsAndIgnored[index] as number;
    const to = this.tos[index] as string;
    const ignored = (seqAndIgnored & 1) === 1;
    return {
      eventId: index + 1,
      commandId: this.commandIds[index] as string,
      seq: seqAndIgnored >>> 1,
      from: this.fromOf(to, ignored, this.previous[index] as number),
      to,
      at: this.ats[index] as Instant,
      reason: this.reasons[index] as string | null,
      source: this.sources[index] as TransitionSource,
      actor: this.actors[index] as string,
      ignored,
      kind: this.kinds.get(index) ?? "transition",
    };
  }

  private fromOf(to: string, ignored: boolean, previous: number): string | null {
    if (ignored) return to;
    return previous < 0 ? null : (this.tos[previous] as string);
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
    const end = Math.min(this.tos.length, Math.max(0, Math.floor(after)) + Math.max(0, limit));
    for (let i = Math.max(0, Math.floor(after)); i < end; i++) entries.push(this.entry(i));
    return entries;
  }
}
