import type { DownlinkLog, FrameArrival } from "../ports/downlink-log.js";
import type { DownlinkFrame } from "../types.js";

/**
 * A deterministic, in-process {@link DownlinkLog}: per spacecraft, the fingerprint of the first
 * frame stored at each seq, and the applied cursor. Atomic because nothing here awaits.
 *
 * @example
 * const log = new InMemoryDownlinkLog();
 * await log.append(frame, canonicalJson(frame)); // "new"
 * await log.append(frame, canonicalJson(frame)); // "duplicate"
 */
export class InMemoryDownlinkLog implements DownlinkLog {
  private readonly fingerprints = new Map<string, Map<number, string>>();
  private readonly cursors = new Map<string, number>();

  async append(frame: DownlinkFrame, fingerprint: string): Promise<FrameArrival> {
    let stored = this.fingerprints.get(frame.spacecraftId);
    if (!stored) {
      stored = new Map();
      this.fingerprints.set(frame.spacecraftId, stored);
    }
    const known = stored.get(frame.seq);
    if (known === undefined) {
      stored.set(frame.seq, fingerprint);
      return "new";
    }
    return known === fingerprint ? "duplicate" : "conflict";
  }

  async cursor(spacecraftId: string): Promise<number> {
    return this.cursors.get(spacecraftId) ?? 0;
  }

  async advance(spacecraftId: string, seq: number): Promise<void> {
    if (seq > (this.cursors.get(spacecraftId) ?? 0)) this.cursors.set(spacecraftId, seq);
  }
}
