/**
 * The fast engine's stand-in for the microtask queue, used only where the reference runs
 * several promise chains inside one event (the sender's rounds beside a submission, a
 * transmission or the expiries a claim starts): each `await` there becomes a job pushed at the
 * moment the awaited promise would settle, so that jobs run in the order V8 runs the
 * continuations. A job is a kind, a command index, two numbers and an optional record, in a
 * growable ring.
 */
export class JobQueue<R> {
  private kinds = new Uint8Array(256);
  private as = new Int32Array(256);
  private bs = new Float64Array(256);
  private cs = new Float64Array(256);
  private records: (R | null)[] = new Array<R | null>(256).fill(null);
  private head = 0;
  private size = 0;
  /** The job taken by {@link take}. */
  kind = 0;
  a = 0;
  b = 0;
  c = 0;
  record: R | null = null;

  push(kind: number, a: number, b: number, c: number, record: R | null): void {
    if (this.size === this.kinds.length) this.grow();
    const i = (this.head + this.size++) & (this.kinds.length - 1);
    this.kinds[i] = kind;
    this.as[i] = a;
    this.bs[i] = b;
    this.cs[i] = c;
    this.records[i] = record;
  }

  /** Takes the next job into the fields above; false when none is left. */
  take(): boolean {
    if (this.size === 0) return false;
    const h = this.head;
    this.kind = this.kinds[h] as number;
    this.a = this.as[h] as number;
    this.b = this.bs[h] as number;
    this.c = this.cs[h] as number;
    this.record = this.records[h] as R | null;
    this.records[h] = null;
    this.head = (h + 1) & (this.kinds.length - 1);
    this.size--;
    return true;
  }

  private grow(): void {
    const n = this.kinds.length;
    const order = (i: number) => (this.head + i) & (n - 1);
    const kinds = new Uint8Array(n * 2);
    const as = new Int32Array(n * 2);
    const bs = new Float64Array(n * 2);
    const cs = new Float64Array(n * 2);
    const records = new Array<R | null>(n * 2).fill(null);
    for (let i = 0; i < this.size; i++) {
      const j = order(i);
      kinds[i] = this.kinds[j] as number;
      as[i] = this.as[j] as number;
      bs[i] = this.bs[j] as number;
      cs[i] = this.cs[j] as number;
      records[i] = this.records[j] as R | null;
    }
    this.kinds = kinds;
    this.as = as;
    this.bs = bs;
    this.cs = cs;
    this.records = records;
    this.head = 0;
  }
}
