/**
 * The fast engine's stand-in for the microtask queue, used only where the reference runs
 * several promise chains inside one event (the sender's rounds beside a submission or a
 * transmission): each `await` there becomes a job pushed at the moment the awaited promise
 * would settle, so that jobs run in the order V8 runs the continuations. A job is a kind, an
 * integer and a number, in a growable ring.
 */
export class JobQueue {
  private kinds = new Uint8Array(256);
  private as = new Int32Array(256);
  private bs = new Float64Array(256);
  private head = 0;
  private size = 0;
  /** The job taken by {@link take}. */
  kind = 0;
  a = 0;
  b = 0;

  push(kind: number, a: number, b: number): void {
    if (this.size === this.kinds.length) this.grow();
    const i = (this.head + this.size++) & (this.kinds.length - 1);
    this.kinds[i] = kind;
    this.as[i] = a;
    this.bs[i] = b;
  }

  /** Takes the next job into the fields above; false when none is left. */
  take(): boolean {
    if (this.size === 0) return false;
    const h = this.head;
    this.kind = this.kinds[h] as number;
    this.a = this.as[h] as number;
    this.b = this.bs[h] as number;
    this.head = (h + 1) & (this.kinds.length - 1);
    this.size--;
    return true;
  }

  private grow(): void {
    const n = this.kinds.length;
    const kinds = new Uint8Array(n * 2);
    const as = new Int32Array(n * 2);
    const bs = new Float64Array(n * 2);
    for (let i = 0; i < this.size; i++) {
      const j = (this.head + i) & (n - 1);
      kinds[i] = this.kinds[j] as number;
      as[i] = this.as[j] as number;
      bs[i] = this.bs[j] as number;
    }
    this.kinds = kinds;
    this.as = as;
    this.bs = bs;
    this.head = 0;
  }
}
