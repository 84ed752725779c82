/**
 * Every command of a fast run, one typed array per field (struct of arrays): a million
 * commands cost about 100 bytes each, with no object per command but its id string. `null`
 * instants are NaN.
 */
export class CommandColumns {
  readonly ids: string[] = [];
  readonly spacecraft: Uint16Array;
  readonly name: Uint8Array;
  readonly priority: Int16Array;
  readonly createdAt: Float64Array;
  readonly notBefore: Float64Array;
  readonly notAfter: Float64Array;
  readonly status: Uint8Array;
  /** Failure-reason code (0: null). */
  readonly failureReason: Uint8Array;
  readonly version: Int32Array;
  /** History entries so far (the next entry's `seq` is one more). */
  readonly historyLength: Int32Array;
  readonly deadline: Float64Array;
  /** The workload's cancel delay, or -1. */
  readonly cancelAfter: Float64Array;
  /** The version the sender claimed (its snapshot for the exact compare-and-set). */
  readonly claimedVersion: Int32Array;
  /** Claimed and waiting for its transmit delay. */
  readonly waiting: Uint8Array;
  /** The spacecraft has received it. */
  readonly received: Uint8Array;
  count = 0;

  constructor(capacity: number) {
    const n = Math.max(capacity, 1);
    this.spacecraft = new Uint16Array(n);
    this.name = new Uint8Array(n);
    this.priority = new Int16Array(n);
    this.createdAt = new Float64Array(n);
    this.notBefore = new Float64Array(n);
    this.notAfter = new Float64Array(n);
    this.status = new Uint8Array(n);
    this.failureReason = new Uint8Array(n);
    this.version = new Int32Array(n);
    this.historyLength = new Int32Array(n);
    this.deadline = new Float64Array(n);
    this.cancelAfter = new Float64Array(n);
    this.claimedVersion = new Int32Array(n);
    this.waiting = new Uint8Array(n);
    this.received = new Uint8Array(n);
  }
}
