import { frameFingerprint } from "../downlink/frame-fingerprint.js";
import { decodeGapCursor, encodeGapCursor } from "../downlink/gap-cursor.js";
import type { DownlinkGaps, GapQuery } from "../ports/downlink-gaps.js";
import type {
  DownlinkLog,
  FrameArrival,
  GapRecord,
  HeldFrame,
  StoredStream,
  StreamProgress,
} from "../ports/downlink-log.js";
import type { DownlinkFrame, Instant, Page } from "../types.js";

/** How far beyond the cursor `load` looks for frames by seq; frames further ahead are also kept aside. */
const NEAR = 1 << 16;

/** One spacecraft's frames: the first of each seq, when it came, and the cursor. */
class StoredFrames {
  cursor = 0;
  /** By seq: seqs are small consecutive integers, so arrays beat maps here. */
  readonly frames: (DownlinkFrame | undefined)[] = [];
  readonly arrivals: number[] = [];
  /** The highest seq stored within {@link NEAR} of the cursor it was stored at. */
  highestNear = 0;
  /** Frames stored further ahead than that, by seq (a spacecraft that jumped its numbering). */
  readonly far = new Map<number, HeldFrame>();
}

/**
 * A deterministic, in-process {@link DownlinkLog} that answers at once: per spacecraft, the
 * first frame stored at each seq and when it came, the cursor, and the gaps recorded (listed
 * as {@link DownlinkGaps}). It keeps
 * the frames themselves (do not change a frame once appended) and fingerprints two of them
 * only when a seq comes again, so that a frame that comes once costs no fingerprint. Counts are
 * not kept.
 *
 * @example
 * const log = new InMemoryDownlinkLog();
 * log.append(frame, clock.now()); // "new"
 * log.append(frame, clock.now()); // "duplicate"
 */
export class InMemoryDownlinkLog implements DownlinkLog, DownlinkGaps {
  private readonly streams = new Map<string, StoredFrames>();
  private readonly gapRecords: GapRecord[] = [];

  append(frame: DownlinkFrame, at: Instant): FrameArrival {
    const stored = this.streamOf(frame.spacecraftId);
    const seq = frame.seq;
    const known = stored.frames[seq];
    if (known === undefined) {
      stored.frames[seq] = frame;
      stored.arrivals[seq] = at;
      if (seq - stored.cursor > NEAR) stored.far.set(seq, { frame, at });
      else if (seq > stored.highestNear) stored.highestNear = seq;
      return "new";
    }
    return known === frame || frameFingerprint(known) === frameFingerprint(frame) ? "duplicate" : "conflict";
  }

  load(spacecraftId: string): StoredStream {
    const stored = this.streams.get(spacecraftId);
    if (!stored) return { cursor: 0, held: [] };
    const { cursor, frames, arrivals } = stored;
    const held: HeldFrame[] = [];
    const end = Math.min(stored.highestNear, cursor + NEAR);
    for (let seq = cursor + 1; seq <= end; seq++) {
      const frame = frames[seq];
      if (frame !== undefined) held.push({ frame, at: arrivals[seq] as number });
    }
    for (const [seq, far] of stored.far) if (seq > end) held.push(far);
    held.sort((a, b) => a.at - b.at || a.frame.seq - b.frame.seq);
    return { cursor, held };
  }

  save(progress: StreamProgress): void {
    const stored = this.streamOf(progress.spacecraftId);
    if (progress.cursor > stored.cursor) {
      stored.cursor = progress.cursor;
      if (stored.far.size > 0)
        for (const seq of stored.far.keys()) if (seq <= stored.cursor) stored.far.delete(seq);
    }
    for (const gap of progress.gaps) this.gapRecords.push(gap);
  }

  listGaps(query: GapQuery): Page<GapRecord> {
    // A cursor is the position of the page's last gap; the next page starts just before it.
    const end = query.cursor === undefined ? this.gapRecords.length : decodeGapCursor(query.cursor);
    const start = Math.max(0, end - query.limit);
    const items = this.gapRecords.slice(start, Math.min(end, this.gapRecords.length)).reverse();
    return { items, nextCursor: start > 0 ? encodeGapCursor(start) : null };
  }

  private streamOf(spacecraftId: string): StoredFrames {
    let stored = this.streams.get(spacecraftId);
    if (!stored) {
      stored = new StoredFrames();
      this.streams.set(spacecraftId, stored);
    }
    return stored;
  }
}
