/** Report kinds a frame carries. */
export const FRAME_ACCEPTED = 0;
export const FRAME_REJECTED = 1;
export const FRAME_COMPLETED = 2;
export const FRAME_COMPLETION_FAILED = 3;

/**
 * One spacecraft's downlink frames by `seq`: what each reports, about which command, and the
 * downlink log's first stored copy (its `time`, the only field a conflicting copy changes, so
 * comparing times compares fingerprints).
 */
export class FrameColumns {
  kind = new Uint8Array(1024);
  command = new Int32Array(1024);
  stored = new Uint8Array(1024);
  storedTime = new Float64Array(1024);
  /** The last seq emitted. */
  last = 0;

  /** Records the next frame; returns its seq. */
  emit(kind: number, command: number): number {
    const seq = ++this.last;
    if (seq >= this.kind.length) this.grow();
    this.kind[seq] = kind;
    this.command[seq] = command;
    return seq;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const kind = new Uint8Array(size);
    kind.set(this.kind);
    this.kind = kind;
    const command = new Int32Array(size);
    command.set(this.command);
    this.command = command;
    const stored = new Uint8Array(size);
    stored.set(this.stored);
    this.stored = stored;
    const storedTime = new Float64Array(size);
    storedTime.set(this.storedTime);
    this.storedTime = storedTime;
  }
}
