import type { TelemetryArchive, TelemetryPoint, TelemetryRange } from "../ports/telemetry-archive.js";
import type { Instant } from "../types.js";

const byTimeThenSeq = (a: TelemetryPoint, b: TelemetryPoint) => a.time - b.time || a.seq - b.seq;

/**
 * A deterministic, in-process {@link TelemetryArchive}: the reference adapter for the contract
 * suite, the simulator and embedders. It answers at once.
 *
 * @example
 * const archive = new InMemoryTelemetryArchive();
 * archive.record(telemetryPointsOf(frame));
 */
export class InMemoryTelemetryArchive implements TelemetryArchive {
  /** Latest per `spacecraftId \0 name`. */
  private readonly newest = new Map<string, TelemetryPoint>();
  /** History per `spacecraftId \0 name`, by seq. */
  private readonly kept = new Map<string, Map<number, TelemetryPoint>>();

  record(points: readonly TelemetryPoint[]): void {
    for (const point of points) {
      const key = `${point.spacecraftId}\u0000${point.name}`;
      let history = this.kept.get(key);
      if (!history) {
        history = new Map();
        this.kept.set(key, history);
      }
      if (!history.has(point.seq)) history.set(point.seq, { ...point });
      const known = this.newest.get(key);
      if (!known || known.seq < point.seq) this.newest.set(key, { ...point });
    }
  }

  latest(spacecraftIds: readonly string[]): TelemetryPoint[] {
    const wanted = new Set(spacecraftIds);
    return [...this.newest.values()]
      .filter((p) => wanted.has(p.spacecraftId))
      .sort((a, b) => compare(a.spacecraftId, b.spacecraftId) || compare(a.name, b.name))
      .map((p) => ({ ...p }));
  }

  history(range: TelemetryRange): TelemetryPoint[] {
    const history = this.kept.get(`${range.spacecraftId}\u0000${range.name}`);
    if (!history) return [];
    const from = range.from ?? Number.NEGATIVE_INFINITY;
    const to = range.to ?? Number.POSITIVE_INFINITY;
    return [...history.values()]
      .filter((p) => p.time >= from && p.time <= to)
      .sort(byTimeThenSeq)
      .slice(0, range.limit)
      .map((p) => ({ ...p }));
  }

  prune(before: Instant): number {
    let dropped = 0;
    for (const history of this.kept.values()) {
      for (const [seq, point] of history) {
        if (point.time < before) {
          history.delete(seq);
          dropped++;
        }
      }
    }
    return dropped;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
