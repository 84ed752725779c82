import {
  type DownlinkFrame,
  type DownlinkLog,
  type FrameArrival,
  frameFingerprint,
  type Instant,
  type StoredStream,
  type StreamProgress,
} from "@uplink/core";
import type { Database } from "../../database/database.js";
import { GroupCommit } from "./group-commit.js";
import { appendFrames, type FrameToAppend } from "./sql/append-frame.js";
import { saveStream, selectStream } from "./sql/downlink-stream.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import { withStorage } from "./storage-errors.js";

/** Options of {@link KnexDownlinkLog}. */
export interface KnexDownlinkLogOptions {
  /** Most frames appended in one statement (default 500). */
  readonly maxBatch?: number;
  /** Most append statements in flight (default 4 on PostgreSQL, 1 on PGlite). */
  readonly maxInFlight?: number;
}

/**
 * The {@link DownlinkLog} on PostgreSQL or PGlite: frames keyed by (spacecraft, seq) with the
 * first write winning, and per spacecraft a forward-only cursor, a version and the gaps
 * skipped. Concurrent appends (a batch of frames is appended all at once) are group-committed
 * into one statement.
 *
 * @example
 * const log = new KnexDownlinkLog(db);
 * await log.append(frame, clock.now()); // "new", "duplicate" or "conflict"
 */
export class KnexDownlinkLog implements DownlinkLog {
  private readonly runner: Runner;
  private readonly appends: GroupCommit<FrameToAppend, FrameArrival>;

  constructor(db: Database, options: KnexDownlinkLogOptions = {}) {
    this.runner = createRunner(db.knex, db.kind);
    this.appends = new GroupCommit((frames) => withStorage(() => appendFrames(this.runner, frames)), {
      maxBatch: options.maxBatch ?? 500,
      maxInFlight: options.maxInFlight ?? (db.kind === "postgres" ? 4 : 1),
      keyOf: ({ frame }) => `${frame.spacecraftId}\u0000${frame.seq}`,
    });
  }

  append(frame: DownlinkFrame, at: Instant): Promise<FrameArrival> {
    return this.appends.submit({ frame, fingerprint: frameFingerprint(frame), at });
  }

  load(spacecraftId: string): Promise<StoredStream> {
    return withStorage(() => selectStream(this.runner, spacecraftId));
  }

  save(progress: StreamProgress): Promise<number> {
    return withStorage(() => saveStream(this.runner, progress));
  }
}
