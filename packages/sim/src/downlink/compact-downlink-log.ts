import type {
  DownlinkFrame,
  DownlinkLog,
  FrameArrival,
  HeldFrame,
  Instant,
  StoredStream,
  StreamProgress,
} from "@uplink/core";
import { frameHash53 } from "./frame-hash.js";

const DENSE_LIMIT = 1 << 26;

/**
 * A {@link DownlinkLog} for very long simulations: instead of each frame's fingerprint it keeps
 * a 53-bit hash of it (cyrb53), in a typed array indexed by `seq`: 8 bytes a frame instead of a
 * 150-character string. Two different fingerprints collide with probability 2⁻⁵³, which would
 * report a conflict as a duplicate. Seqs beyond 2²⁶ fall back to a map. Only the frames
 * stored beyond a stream's cursor are kept whole (`load` answers them). It passes core's
 * downlink log contract suite.
 *
 * @example
 * const log = new CompactDownlinkLog();
 * log.append(frame, clock.now()); // "new"
 */
export class CompactDownlinkLog implements DownlinkLog {
  private readonly streams = new Map<string, StreamLog>();
  // Frames usually come for the spacecraft of the frame before: it answers by reference.
  private lastId: string | null = null;
  private last: StreamLog | null = null;

  append(frame: DownlinkFrame, at: Instant): FrameArrival {
    const stream = this.stream(frame.spacecraftId);
    const arrival = stream.appendHash(frame.seq, frameHash53(frame) + 1);
    if (arrival === "new" && frame.seq > stream.cursor) stream.hold(frame, at);
    return arrival;
  }

  load(spacecraftId: string): StoredStream {
    const stream = this.streams.get(spacecraftId);
    if (stream === undefined) return { cursor: 0, held: [] };
    return { cursor: stream.cursor, held: stream.heldFrames().sort((a, b) => a.at - b.at) };
  }

  save(progress: StreamProgress): void {
    this.stream(progress.spacecraftId).advance(progress.cursor);
  }

  private stream(spacecraftId: string): StreamLog {
    if (spacecraftId === this.lastId) return this.last as StreamLog;
    let stream = this.streams.get(spacecraftId);
    if (stream === undefined) {
      stream = new StreamLog();
      this.streams.set(spacecraftId, stream);
    }
    this.lastId = spacecraftId;
    this.last = stream;
    return stream;
  }
}

/** How far a window of held frames may reach beyond its first seq before frames go to the far map. */
const WINDOW_REACH = 1 << 16;

/**
 * One spacecraft's stream in the log: frame hashes by seq, the cursor, and the frames stored
 * beyond it. Those are kept in a window of parallel arrays indexed from `base` (every new frame
 * passes through it, and a map entry plus an object each cost more than the rest of storing
 * it), and in a map for seqs far beyond the window.
 */
class StreamLog {
  cursor = 0;
  private dense: Float64Array = new Float64Array(1024);
  private sparse: Map<number, number> | null = null;
  /** The seq of the window's first slot. */
  private base = 1;
  private frames: (DownlinkFrame | undefined)[] = [];
  private ats: number[] = [];
  /** Frames in the window. */
  private count = 0;
  private far: Map<number, HeldFrame> | null = null;

  appendHash(seq: number, hash: number): FrameArrival {
    if (!Number.isSafeInteger(seq) || seq < 0 || seq >= DENSE_LIMIT) return this.appendSparse(seq, hash);
    if (seq >= this.dense.length) this.grow(seq);
    const known = this.dense[seq] as number;
    if (known === 0) {
      this.dense[seq] = hash;
      return "new";
    }
    return known === hash ? "duplicate" : "conflict";
  }

  /** Keeps a frame stored beyond the cursor (a new one: each seq comes here once). */
  hold(frame: DownlinkFrame, at: Instant): void {
    // An empty window starts again at the cursor, in the same arrays: every slot is free, and
    // truncating them would give their storage back, to be taken again at once.
    if (this.count === 0) this.base = this.cursor + 1;
    const index = frame.seq - this.base;
    if (!Number.isSafeInteger(frame.seq) || index < 0 || index >= WINDOW_REACH) {
      this.far ??= new Map();
      this.far.set(frame.seq, { frame, at });
      return;
    }
    // Filled up to the slot, so that the arrays stay packed rather than turning into dictionaries.
    while (this.frames.length <= index) {
      this.frames.push(undefined);
      this.ats.push(0);
    }
    this.frames[index] = frame;
    this.ats[index] = at;
    this.count++;
  }

  /** Moves the cursor forward (never back) and frees the frames it passed. */
  advance(cursor: number): void {
    const previous = this.cursor;
    if (cursor <= previous) return;
    this.cursor = cursor;
    if (this.count > 0) {
      const from = Math.max(previous + 1, this.base) - this.base;
      const to = Math.min(cursor - this.base + 1, this.frames.length);
      for (let i = from; i < to; i++) {
        if (this.frames[i] === undefined) continue;
        this.frames[i] = undefined;
        this.count--;
      }
      // A stream that never catches up keeps some frames held: the passed slots are dropped
      // once they are most of the window.
      const passed = Math.min(cursor - this.base + 1, this.frames.length);
      if (this.count > 0 && passed >= 4096 && passed * 2 >= this.frames.length) {
        this.frames = this.frames.slice(passed);
        this.ats = this.ats.slice(passed);
        this.base += passed;
      }
    }
    // Only the seqs the cursor passed are visited: while a gap is waited for, the frames held
    // beyond it stay, and visiting all of them at each save made saving quadratic in the gap.
    const far = this.far;
    if (far !== null && far.size > 0) {
      if (cursor - previous <= far.size) {
        for (let seq = previous + 1; seq <= cursor; seq++) far.delete(seq);
      } else {
        for (const seq of far.keys()) if (seq <= cursor) far.delete(seq);
      }
    }
  }

  heldFrames(): HeldFrame[] {
    const held: HeldFrame[] = [];
    for (let i = 0; i < this.frames.length; i++) {
      const frame = this.frames[i];
      if (frame !== undefined) held.push({ frame, at: this.ats[i] as number });
    }
    if (this.far !== null) for (const h of this.far.values()) held.push(h);
    return held;
  }

  private appendSparse(seq: number, hash: number): FrameArrival {
    this.sparse ??= new Map();
    const known = this.sparse.get(seq);
    if (known === undefined) {
      this.sparse.set(seq, hash);
      return "new";
    }
    return known === hash ? "duplicate" : "conflict";
  }

  private grow(seq: number): void {
    let size = Math.max(1024, this.dense.length);
    while (size <= seq) size *= 2;
    const next = new Float64Array(Math.min(size, DENSE_LIMIT));
    next.set(this.dense);
    this.dense = next;
  }
}
