import type { Instant, TelemetryArchive, TelemetryPoint, TelemetryRange } from "@uplink/core";
import type { Database } from "../../database/database.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import {
  pruneTelemetry,
  recordTelemetry,
  selectLatestTelemetry,
  selectTelemetryRange,
} from "./sql/telemetry.js";
import { withStorage } from "./storage-errors.js";

/**
 * Core's {@link TelemetryArchive} on PostgreSQL or PGlite: `telemetry_latest` and
 * `telemetry_history`, a batch of points in one statement.
 *
 * @example
 * const archive = new KnexTelemetryArchive(db);
 * await archive.record(telemetryPointsOf(frame));
 */
export class KnexTelemetryArchive implements TelemetryArchive {
  private readonly runner: Runner;

  constructor(db: Database) {
    this.runner = createRunner(db.knex, db.kind);
  }

  record(points: readonly TelemetryPoint[]): Promise<void> {
    if (points.length === 0) return Promise.resolve();
    return withStorage(() => recordTelemetry(this.runner, points));
  }

  latest(spacecraftIds: readonly string[]): Promise<TelemetryPoint[]> {
    if (spacecraftIds.length === 0) return Promise.resolve([]);
    return withStorage(() => selectLatestTelemetry(this.runner, spacecraftIds));
  }

  history(range: TelemetryRange): Promise<TelemetryPoint[]> {
    return withStorage(() => selectTelemetryRange(this.runner, range));
  }

  prune(before: Instant): Promise<number> {
    return withStorage(() => pruneTelemetry(this.runner, before));
  }
}
