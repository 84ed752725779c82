import type { Instant } from "../types.js";
import { widened } from "./typed-arrays.js";

/** Offsets of a column: none, and "far" (the instant is kept in the column's map). */
const NONE = -0x80000000;
const FAR = -0x7fffffff;

/**
 * A column of instants (or nulls) kept as 32-bit whole-millisecond offsets from a base the
 * caller gives per row (a command's creation time): half of a Float64 column. An instant more
 * than about 24 days from its base, or not a whole millisecond, is kept exactly in a map.
 */
export class InstantColumn {
  private offsets: Int32Array;
  private readonly far = new Map<number, Instant>();

  constructor(rows: number) {
    this.offsets = new Int32Array(rows);
  }

  /** The instant at `row` (NaN for null), given the row's base. */
  get(row: number, base: Instant): Instant {
    const offset = this.offsets[row] as number;
    if (offset > FAR) return base + offset;
    return offset === NONE ? Number.NaN : (this.far.get(row) as Instant);
  }

  /** Stores an instant (or null) at `row`, given the row's base. */
  set(row: number, base: Instant, at: Instant | null): void {
    if (at === null) {
      if (this.offsets[row] === FAR) this.far.delete(row);
      this.offsets[row] = NONE;
      return;
    }
    const offset = at - base;
    if (offset > FAR && offset <= 0x7fffffff && Number.isInteger(offset)) {
      if (this.offsets[row] === FAR) this.far.delete(row);
      this.offsets[row] = offset;
    } else {
      this.offsets[row] = FAR;
      this.far.set(row, at);
    }
  }

  /** Makes room for `rows` rows. */
  grow(rows: number): void {
    this.offsets = widened(this.offsets, rows);
  }
}
