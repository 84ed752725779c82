import { widened } from "./typed-arrays.js";

/**
 * A binary min-heap of rows (non-negative integers) in a typed array, ordered by `before`,
 * which reads whatever columns it needs: no object per entry.
 */
export class RowHeap {
  private rows = new Int32Array(64);
  private length = 0;

  constructor(private readonly before: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.length;
  }

  /** The first row, or -1 when empty. */
  peek(): number {
    return this.length === 0 ? -1 : (this.rows[0] as number);
  }

  push(row: number): void {
    if (this.length === this.rows.length) this.rows = widened(this.rows, this.rows.length * 2);
    const rows = this.rows;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = rows[parent] as number;
      if (!this.before(row, p)) break;
      rows[i] = p;
      i = parent;
    }
    rows[i] = row;
  }

  /** Removes and returns the first row, or -1 when empty. */
  pop(): number {
    if (this.length === 0) return -1;
    const top = this.rows[0] as number;
    const last = this.rows[--this.length] as number;
    if (this.length > 0) this.siftDown(0, last);
    return top;
  }

  /** Removes every row for which `drop` is true, then restores the heap order in linear time. */
  removeWhere(drop: (row: number) => boolean): void {
    const rows = this.rows;
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const row = rows[i] as number;
      if (!drop(row)) rows[kept++] = row;
    }
    this.length = kept;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i, rows[i] as number);
  }

  private siftDown(start: number, row: number): void {
    const rows = this.rows;
    const n = this.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && this.before(rows[right] as number, rows[left] as number)) child = right;
      if (!this.before(rows[child] as number, row)) break;
      rows[i] = rows[child] as number;
      i = child;
    }
    rows[i] = row;
  }
}
