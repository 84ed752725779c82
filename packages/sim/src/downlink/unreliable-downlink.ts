import { type Clock, ConfigError, type DownlinkFrame, type Random } from "@uplink/core";

/** How badly the downlink behaves. Every rate is a probability per frame. */
export interface UnreliableDownlinkOptions {
  /** Fixed propagation delay of every copy (default 0 ms). */
  readonly latencyMs: number;
  /** Each copy waits a further delay uniform in `[0, jitterMs]`, which reorders frames (default 0). */
  readonly jitterMs: number;
  /** Frames lost (default 0). */
  readonly lossRate: number;
  /** Frames delivered twice, each copy with its own delay (default 0). */
  readonly duplicateRate: number;
  /**
   * Frames followed by a conflicting copy: the same `(spacecraftId, seq)` with a different
   * `time` (default 0). Only the time differs, so whichever copy the ground keeps (the first
   * to arrive wins) the command's outcome is the same; the ground counts the conflict.
   */
  readonly conflictRate: number;
}

/** Every default of the unreliable downlink: a perfect link. */
export const DEFAULT_DOWNLINK_BEHAVIOUR: UnreliableDownlinkOptions = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  lossRate: 0,
  duplicateRate: 0,
  conflictRate: 0,
});

/** Counters of what the link did. */
export interface UnreliableDownlinkStats {
  readonly sent: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly conflicting: number;
  /** Copies handed to the ground. */
  readonly delivered: number;
  /** Deliveries whose promise rejected (they go to `onError`, too). */
  readonly errors: number;
}

/** Where frames arrive on the ground: typically `DownlinkProcessor.receive`. */
export type FrameReceiver = (frame: DownlinkFrame) => unknown;

/**
 * An at-least-once, unordered link between a spacecraft and the ground (SPEC §3), seeded so
 * that a run repeats: each frame may be lost, delayed by a random jitter (which reorders
 * frames), duplicated, or followed by a conflicting copy. Delayed frames are delivered through
 * the clock port, so on the virtual clock each is an event; with no delay, at once.
 *
 * @example
 * const link = new UnreliableDownlink(clock, random.fork(), (f) => processor.receive(f), { jitterMs: 2_000, lossRate: 0.01 });
 * const spacecraft = new SimulatedSpacecraft(clock, random.fork(), (f) => link.send(f));
 */
export class UnreliableDownlink {
  readonly options: UnreliableDownlinkOptions;
  private counters = { sent: 0, lost: 0, duplicated: 0, conflicting: 0, delivered: 0, errors: 0 };
  private readonly onFailure = (error: unknown): void => {
    this.counters.errors++;
    this.onError?.(error);
  };

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly receiver: FrameReceiver,
    options: Partial<UnreliableDownlinkOptions> = {},
    private readonly onError?: (error: unknown) => void,
  ) {
    this.options = resolveDownlinkBehaviour(options);
  }

  /** Takes a frame from the spacecraft (a `FrameSink`). */
  send(frame: DownlinkFrame): void {
    const o = this.options;
    this.counters.sent++;
    if (o.lossRate > 0 && this.random.next() < o.lossRate) {
      this.counters.lost++;
      return;
    }
    this.transmit(frame);
    if (o.duplicateRate > 0 && this.random.next() < o.duplicateRate) {
      this.counters.duplicated++;
      this.transmit(frame);
    }
    if (o.conflictRate > 0 && this.random.next() < o.conflictRate) {
      this.counters.conflicting++;
      this.transmit({ ...frame, time: frame.time + 1 + Math.floor(this.random.next() * 1000) });
    }
  }

  stats(): UnreliableDownlinkStats {
    return { ...this.counters };
  }

  private transmit(frame: DownlinkFrame): void {
    const o = this.options;
    const delay = o.latencyMs + (o.jitterMs > 0 ? Math.floor(this.random.next() * (o.jitterMs + 1)) : 0);
    // A zero delay needs no timer: the ground gets the frame within the spacecraft's own event.
    if (delay === 0) this.deliver(frame);
    else this.clock.schedule(delay, () => this.deliver(frame));
  }

  private deliver(frame: DownlinkFrame): void {
    this.counters.delivered++;
    try {
      const result = this.receiver(frame);
      if (result instanceof Promise) result.catch(this.onFailure);
    } catch (error) {
      this.onFailure(error);
    }
  }
}

/** Merges options over the defaults and checks them; a bad value throws core's `ConfigError`. */
export function resolveDownlinkBehaviour(
  options: Partial<UnreliableDownlinkOptions> = {},
): UnreliableDownlinkOptions {
  const resolved = { ...DEFAULT_DOWNLINK_BEHAVIOUR, ...options };
  for (const key of ["latencyMs", "jitterMs"] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0)
      throw new ConfigError(key, "a number of milliseconds ≥ 0");
  }
  for (const key of ["lossRate", "duplicateRate", "conflictRate"] as const) {
    if (!(resolved[key] >= 0 && resolved[key] <= 1)) throw new ConfigError(key, "a probability from 0 to 1");
  }
  return resolved;
}
