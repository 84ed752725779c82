import type { Telecommand } from "../types.js";
import type { CommandColumns } from "./command-columns.js";

/** Slots in the table: a power of two, as many as the commands a burst of reports is about. */
const SLOTS = 4096;

/**
 * The in-memory repository's latest copies of commands in some statuses, in a table of
 * {@link SLOTS} slots by row (a row's copy replaces whatever another row left in its slot). A
 * copy answers a read only while the row is still at its version: copies are immutable, so it
 * is then the very command a fresh read would build. Only commands in the given statuses are
 * kept, so that a copy seldom outlives the few events it is wanted for: copies kept longer
 * would be moved to the old generation by the collector, which costs more than building them.
 */
export class RecentCopies {
  private readonly copies: (Telecommand | undefined)[] = new Array<Telecommand | undefined>(SLOTS).fill(
    undefined,
  );
  private readonly rows = new Int32Array(SLOTS).fill(-1);
  /** By status code: whether a command in it is kept. */
  private readonly kept: boolean[] = [];

  constructor(
    private readonly statuses: readonly string[],
    private readonly columns: CommandColumns,
  ) {}

  /** Keeps `command`, the row's copy now in status `code`, or forgets the row's older copy. */
  keep(row: number, code: number, command: Telecommand): void {
    const slot = row & (SLOTS - 1);
    if (this.isKept(code)) {
      this.rows[slot] = row;
      this.copies[slot] = command;
    } else if (this.rows[slot] === row) {
      this.rows[slot] = -1;
      this.copies[slot] = undefined;
    }
  }

  /** The row's kept copy while it is current; undefined otherwise. */
  copyOf(row: number): Telecommand | undefined {
    const slot = row & (SLOTS - 1);
    if (this.rows[slot] !== row) return undefined;
    const copy = this.copies[slot];
    return copy !== undefined && copy.version === this.columns.version[row] ? copy : undefined;
  }

  private isKept(code: number): boolean {
    const kept = this.kept;
    while (kept.length <= code)
      kept.push(this.statuses.includes(this.columns.statuses.value(kept.length) as string));
    return kept[code] === true;
  }
}
