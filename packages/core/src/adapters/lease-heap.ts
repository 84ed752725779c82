import type { Instant } from "../types.js";
import { widened } from "./typed-arrays.js";

/**
 * The claim index's lease expiries, earliest first: a binary min-heap of `(until, row, serial)`
 * in typed arrays, an entry three numbers instead of an object. A claim leases thousands of
 * commands at a time and their entries wait for the next claim after they end, often the next
 * contact: as objects, the collector moved every one of them to its old generation.
 */
export class LeaseHeap {
  private untils = new Float64Array(256);
  private rows = new Int32Array(256);
  private serials = new Float64Array(256);
  private length = 0;

  get size(): number {
    return this.length;
  }

  /** The earliest end, or +Infinity when empty. */
  peekUntil(): Instant {
    return this.length === 0 ? Number.POSITIVE_INFINITY : (this.untils[0] as number);
  }

  /** The row of the earliest entry (only while not empty). */
  peekRow(): number {
    return this.rows[0] as number;
  }

  /** The serial of the earliest entry (only while not empty). */
  peekSerial(): number {
    return this.serials[0] as number;
  }

  push(until: Instant, row: number, serial: number): void {
    if (this.length === this.untils.length) this.grow();
    const { untils, rows, serials } = this;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = untils[parent] as number;
      if (!(until < p)) break;
      untils[i] = p;
      rows[i] = rows[parent] as number;
      serials[i] = serials[parent] as number;
      i = parent;
    }
    untils[i] = until;
    rows[i] = row;
    serials[i] = serial;
  }

  /** Removes the earliest entry (no-op when empty). */
  pop(): void {
    if (this.length === 0) return;
    const last = --this.length;
    if (last === 0) return;
    const { untils, rows, serials } = this;
    const until = untils[last] as number;
    const row = rows[last] as number;
    const serial = serials[last] as number;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= last) break;
      const right = left + 1;
      let child = left;
      if (right < last && (untils[right] as number) < (untils[left] as number)) child = right;
      if (!((untils[child] as number) < until)) break;
      untils[i] = untils[child] as number;
      rows[i] = rows[child] as number;
      serials[i] = serials[child] as number;
      i = child;
    }
    untils[i] = until;
    rows[i] = row;
    serials[i] = serial;
  }

  private grow(): void {
    const n = this.untils.length * 2;
    this.untils = widened(this.untils, n);
    this.rows = widened(this.rows, n);
    this.serials = widened(this.serials, n);
  }
}
