import { type Awaitable, all, andThen } from "../awaitable.js";
import type { Clock } from "../ports/clock.js";
import type { Counters } from "../ports/counters.js";
import type { SpacecraftRegistry } from "../ports/spacecraft-registry.js";
import { type TelemetryArchive, type TelemetryPoint, telemetryPointsOf } from "../ports/telemetry-archive.js";
import type { DownlinkFrame } from "../types.js";

/** The counter of frames from spacecraft that are not registered (`unknownSpacecraft` in `/api/stats`). */
export const UNKNOWN_SPACECRAFT_COUNTER = "downlinkUnknownSpacecraft";

/** What the frames of registered spacecraft go on to (core's DownlinkProcessor). */
export interface FrameReceiver<R> {
  receive(frames: readonly DownlinkFrame[]): Awaitable<R>;
}

/** What a batch did: the receiver's answer for the registered spacecraft's frames, and the rest. */
export interface FleetReceipt<R> {
  /** The receiver's answer; null when no frame was from a registered spacecraft. */
  readonly report: R | null;
  /** Frames dropped because their spacecraft is not registered (counted, nothing else changed). */
  readonly unknownSpacecraft: number;
}

/**
 * The fleet's rule at the downlink's door (SPEC §8): frames from a spacecraft that is not
 * registered are answered as received, counted, and change nothing; the others go on to the
 * receiver, and their spacecraft's `lastFrameAt` moves to the arrival time, in the one
 * registry step that also tells who is registered. With an archive, the telemetry values of
 * the batch are stored in one step beside (SPEC §8: latest by seq, whatever the order).
 *
 * @example
 * const door = new FleetDownlink(registry, counters, clock, processor);
 * await door.receive(parseFrames(body, clock.now())); // { report, unknownSpacecraft: 0 }
 */
export class FleetDownlink<R> {
  constructor(
    private readonly registry: SpacecraftRegistry,
    private readonly counters: Counters,
    private readonly clock: Clock,
    private readonly receiver: FrameReceiver<R>,
    private readonly archive: TelemetryArchive | null = null,
  ) {}

  receive(frames: readonly DownlinkFrame[]): Awaitable<FleetReceipt<R>> {
    const ids: string[] = [];
    for (const frame of frames) if (!ids.includes(frame.spacecraftId)) ids.push(frame.spacecraftId);
    return andThen(this.registry.noteFrames(ids, this.clock.now()), (registered) => {
      const known =
        registered.length === ids.length ? frames : frames.filter((f) => registered.includes(f.spacecraftId));
      const unknownSpacecraft = frames.length - known.length;
      const counted =
        unknownSpacecraft > 0 ? this.counters.add(UNKNOWN_SPACECRAFT_COUNTER, unknownSpacecraft) : undefined;
      const received = known.length > 0 ? this.receiver.receive(known) : null;
      const recorded = this.archive === null ? undefined : this.record(this.archive, known);
      // One `all` over the three, so that a failure of one never leaves another's rejection
      // unobserved (an unhandled rejection ends a Node process).
      return andThen(all<unknown>([counted, recorded, received]), (settled) => ({
        report: settled[2] as R | null,
        unknownSpacecraft,
      }));
    });
  }

  private record(archive: TelemetryArchive, frames: readonly DownlinkFrame[]): Awaitable<void> | undefined {
    let points: TelemetryPoint[] | null = null;
    for (const frame of frames) {
      if (frame.type !== "telemetry") continue;
      points ??= [];
      for (const point of telemetryPointsOf(frame)) points.push(point);
    }
    return points === null ? undefined : archive.record(points);
  }
}
