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
  private readonly dense = new Map<string, Float64Array>();
  private readonly sparse = new Map<string, Map<number, number>>();
  private readonly cursors = new Map<string, number>();
  private readonly beyond = new Map<string, Map<number, HeldFrame>>();

  append(frame: DownlinkFrame, at: Instant): FrameArrival {
    const arrival = this.appendHash(frame, frameHash53(frame) + 1);
    if (arrival === "new" && frame.seq > (this.cursors.get(frame.spacecraftId) ?? 0)) {
      let held = this.beyond.get(frame.spacecraftId);
      if (!held) {
        held = new Map();
        this.beyond.set(frame.spacecraftId, held);
      }
      held.set(frame.seq, { frame, at });
    }
    return arrival;
  }

  load(spacecraftId: string): StoredStream {
    const held = [...(this.beyond.get(spacecraftId)?.values() ?? [])].sort((a, b) => a.at - b.at);
    return { cursor: this.cursors.get(spacecraftId) ?? 0, held };
  }

  save(progress: StreamProgress): void {
    const previous = this.cursors.get(progress.spacecraftId) ?? 0;
    if (progress.cursor <= previous) return;
    const cursor = progress.cursor;
    this.cursors.set(progress.spacecraftId, cursor);
    const held = this.beyond.get(progress.spacecraftId);
    if (!held || held.size === 0) return;
    // Only the seqs the cursor passed are freed: while a gap is waited for, the frames held
    // beyond it stay, and visiting all of them at each save made saving quadratic in the gap.
    if (cursor - previous <= held.size) {
      for (let seq = previous + 1; seq <= cursor; seq++) held.delete(seq);
    } else {
      for (const seq of held.keys()) if (seq <= cursor) held.delete(seq);
    }
  }

  private appendHash(frame: DownlinkFrame, hash: number): FrameArrival {
    const { spacecraftId, seq } = frame;
    if (!Number.isSafeInteger(seq) || seq < 0 || seq >= DENSE_LIMIT)
      return this.appendSparse(spacecraftId, seq, hash);
    let stored = this.dense.get(spacecraftId);
    if (!stored || seq >= stored.length) stored = this.grow(spacecraftId, stored, seq);
    const known = stored[seq] as number;
    if (known === 0) {
      stored[seq] = hash;
      return "new";
    }
    return known === hash ? "duplicate" : "conflict";
  }

  private appendSparse(spacecraftId: string, seq: number, hash: number): FrameArrival {
    let stored = this.sparse.get(spacecraftId);
    if (!stored) {
      stored = new Map();
      this.sparse.set(spacecraftId, stored);
    }
    const known = stored.get(seq);
    if (known === undefined) {
      stored.set(seq, hash);
      return "new";
    }
    return known === hash ? "duplicate" : "conflict";
  }

  private grow(spacecraftId: string, old: Float64Array | undefined, seq: number): Float64Array {
    let size = Math.max(1024, old?.length ?? 0);
    while (size <= seq) size *= 2;
    const next = new Float64Array(Math.min(size, DENSE_LIMIT));
    if (old) next.set(old);
    this.dense.set(spacecraftId, next);
    return next;
  }
}
