import type { DownlinkFrame } from "../types.js";
import type { TelemetrySample } from "./downlink-report.js";

/**
 * The latest value of every telemetry parameter, per spacecraft. "Latest" is by frame time,
 * then seq, so that a late frame never overwrites a newer value and the result does not
 * depend on arrival order.
 */
export class TelemetryStore {
  private readonly bySpacecraft = new Map<string, Map<string, TelemetrySample>>();

  /** Keeps each parameter of a telemetry frame unless a newer value is already known. */
  record(frame: DownlinkFrame): void {
    const parameters = frame.parameters;
    if (!parameters) return;
    let latest = this.bySpacecraft.get(frame.spacecraftId);
    if (!latest) {
      latest = new Map();
      this.bySpacecraft.set(frame.spacecraftId, latest);
    }
    for (const name in parameters) {
      if (!Object.hasOwn(parameters, name)) continue;
      const known = latest.get(name);
      if (known && (known.time > frame.time || (known.time === frame.time && known.seq > frame.seq)))
        continue;
      latest.set(name, {
        value: parameters[name] as TelemetrySample["value"],
        time: frame.time,
        seq: frame.seq,
      });
    }
  }

  /** A snapshot of a spacecraft's parameters (empty when none were received). */
  latest(spacecraftId: string): Record<string, TelemetrySample> {
    return Object.fromEntries(this.bySpacecraft.get(spacecraftId) ?? []);
  }

  /** The spacecraft that sent telemetry, sorted. */
  spacecraft(): string[] {
    return [...this.bySpacecraft.keys()].sort();
  }
}
