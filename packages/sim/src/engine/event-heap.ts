/**
 * The fast engine's timers: a 4-ary min-heap (half the depth of a binary one) keyed by `(at, order)` like the virtual clock's
 * {@link EventQueue}, so ties run in the order they were scheduled, but holding plain numbers
 * (a kind and two operands) instead of callbacks. Cancelling is the owner's business: each
 * owner keeps the order of its one live timer and ignores a popped event whose order is no
 * longer its own; {@link forget} keeps the live count right.
 */
export class EventHeap {
  private times = new Float64Array(1024);
  private orders = new Float64Array(1024);
  private kinds = new Uint8Array(1024);
  private as = new Float64Array(1024);
  private bs = new Float64Array(1024);
  private length = 0;
  private nextOrder = 0;
  /** Scheduled, not yet run and not forgotten. */
  live = 0;
  /** The popped event. */
  at = 0;
  order = 0;
  kind = 0;
  a = 0;
  b = 0;

  /** Schedules an event; returns its order, the owner's handle to it. */
  push(at: number, kind: number, a: number, b: number): number {
    if (this.length === this.times.length) this.grow();
    const order = this.nextOrder++;
    this.live++;
    const { times, orders, kinds, as, bs } = this;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >>> 2;
      const pt = times[parent] as number;
      if (pt < at || (pt === at && (orders[parent] as number) < order)) break;
      times[i] = pt;
      orders[i] = orders[parent] as number;
      kinds[i] = kinds[parent] as number;
      as[i] = as[parent] as number;
      bs[i] = bs[parent] as number;
      i = parent;
    }
    times[i] = at;
    orders[i] = order;
    kinds[i] = kind;
    as[i] = a;
    bs[i] = b;
    return order;
  }

  /** An owner cancelled its live timer (it stays in the heap and is skipped when popped). */
  forget(): void {
    this.live--;
  }

  /** The time of the earliest entry (live or not), or +∞. */
  peekTime(): number {
    return this.length === 0 ? Number.POSITIVE_INFINITY : (this.times[0] as number);
  }

  /** Pops the earliest entry into `at`, `order`, `kind`, `a`, `b`. */
  pop(): void {
    const { times, orders, kinds, as, bs } = this;
    this.at = times[0] as number;
    this.order = orders[0] as number;
    this.kind = kinds[0] as number;
    this.a = as[0] as number;
    this.b = bs[0] as number;
    const n = --this.length;
    if (n === 0) return;
    const at = times[n] as number;
    const order = orders[n] as number;
    const kind = kinds[n] as number;
    const a = as[n] as number;
    const b = bs[n] as number;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The earliest of up to four children.
      let child = first;
      let ct = times[first] as number;
      let co = orders[first] as number;
      const last = Math.min(first + 4, n);
      for (let j = first + 1; j < last; j++) {
        const t = times[j] as number;
        if (t < ct || (t === ct && (orders[j] as number) < co)) {
          child = j;
          ct = t;
          co = orders[j] as number;
        }
      }
      if (at < ct || (at === ct && order < co)) break;
      times[i] = ct;
      orders[i] = co;
      kinds[i] = kinds[child] as number;
      as[i] = as[child] as number;
      bs[i] = bs[child] as number;
      i = child;
    }
    times[i] = at;
    orders[i] = order;
    kinds[i] = kind;
    as[i] = a;
    bs[i] = b;
  }

  private grow(): void {
    const size = this.times.length * 2;
    this.times = grown(this.times, size);
    this.orders = grown(this.orders, size);
    this.as = grown(this.as, size);
    this.bs = grown(this.bs, size);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.kinds = kinds;
  }
}

function grown(old: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(size);
  next.set(old);
  return next;
}
