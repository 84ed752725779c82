import type { DownlinkFrame, DownlinkLog, FrameArrival, Instant } from "@uplink/core";
import type { Database } from "../../database/database.js";
import { GroupCommit } from "./group-commit.js";
import { appendFrames, type FrameToAppend } from "./sql/append-frame.js";
import { advanceCursor, selectCursor } from "./sql/downlink-cursor.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import { withStorage } from "./storage-errors.js";

/** Options of {@link KnexDownlinkLog}. */
export interface KnexDownlinkLogOptions {
  /** Stamps `received_at` (the server's clock; default the system time). */
  readonly now?: () => Instant;
  /** Most frames appended in one statement (default 500). */
  readonly maxBatch?: number;
  /** Most append statements in flight (default 4 on PostgreSQL, 1 on PGlite). */
  readonly maxInFlight?: number;
}

/**
 * The {@link DownlinkLog} on PostgreSQL or PGlite: frames keyed by (spacecraft, seq) with the
 * first write winning, and a forward-only cursor per spacecraft. Concurrent appends (a batch
 * of frames is appended all at once) are group-committed into one statement.
 *
 * @example
 * const log = new KnexDownlinkLog(db, { now: () => clock.now() });
 * await log.append(frame, canonicalJson(frame)); // "new", "duplicate" or "conflict"
 */
export class KnexDownlinkLog implements DownlinkLog {
  private readonly runner: Runner;
  private readonly now: () => Instant;
  private readonly appends: GroupCommit<FrameToAppend, FrameArrival>;

  constructor(db: Database, options: KnexDownlinkLogOptions = {}) {
    this.runner = createRunner(db.knex, db.kind);
    this.now = options.now ?? Date.now;
    this.appends = new GroupCommit(
      (frames) => withStorage(() => appendFrames(this.runner, frames, this.now())),
      {
        maxBatch: options.maxBatch ?? 500,
        maxInFlight: options.maxInFlight ?? (db.kind === "postgres" ? 4 : 1),
        keyOf: ({ frame }) => `${frame.spacecraftId}\u0000${frame.seq}`,
      },
    );
  }

  append(frame: DownlinkFrame, fingerprint: string): Promise<FrameArrival> {
    return this.appends.submit({ frame, fingerprint });
  }

  cursor(spacecraftId: string): Promise<number> {
    return withStorage(() => selectCursor(this.runner, spacecraftId));
  }

  advance(spacecraftId: string, seq: number): Promise<void> {
    return withStorage(() => advanceCursor(this.runner, spacecraftId, seq));
  }
}
