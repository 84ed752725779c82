import {
  type DownlinkFrame,
  type DownlinkGaps,
  type DownlinkLog,
  type FrameArrival,
  frameFingerprint,
  type GapQuery,
  type GapRecord,
  type Instant,
  type Page,
  type StoredStream,
  type StreamHold,
  type StreamProgress,
} from "@uplink/core";
import type { Database } from "../../database/database.js";
import { GroupCommit } from "./group-commit.js";
import { appendFrames, type FrameToAppend } from "./sql/append-frame.js";
import { selectGaps } from "./sql/downlink-gaps.js";
import { saveStream, selectStream } from "./sql/downlink-stream.js";
import { createRunner, type Runner } from "./sql/sql-runner.js";
import { withStorage } from "./storage-errors.js";
import { StreamLocks } from "./stream-locks.js";

/** Options of {@link KnexDownlinkLog}. */
export interface KnexDownlinkLogOptions {
  /** Most frames appended in one statement (default 500). */
  readonly maxBatch?: number;
  /** Most append statements in flight (default 4 on PostgreSQL, 1 on PGlite). */
  readonly maxInFlight?: number;
  /** Connections kept for stream locks on PostgreSQL (default `DEFAULT_STREAM_LOCK_CONNECTIONS`, 4). */
  readonly lockConnections?: number;
}

/**
 * The {@link DownlinkLog} on PostgreSQL or PGlite: frames keyed by (spacecraft, seq) with the
 * first write winning, and per spacecraft a forward-only cursor and the gaps skipped (listed
 * as {@link DownlinkGaps}); its counts go to the `counters` table in the statements that store
 * what they count (core's `DOWNLINK_COUNTERS`). Concurrent appends (a batch of frames is appended all at once) are group-committed into one
 * statement. On PostgreSQL, which several processes may share, it is a shared log: `own` hands
 * a spacecraft's stream to one process at a time ({@link StreamLocks}); the embedded database
 * serves one process, so it has none. Close it to let the lock connections go.
 *
 * @example
 * const log = new KnexDownlinkLog(db);
 * await log.append(frame, clock.now()); // "new", "duplicate" or "conflict"
 * await log.close();
 */
export class KnexDownlinkLog implements DownlinkLog, DownlinkGaps {
  private readonly runner: Runner;
  private readonly appends: GroupCommit<FrameToAppend, FrameArrival>;
  private readonly locks: StreamLocks | null;
  /** Present on PostgreSQL: see {@link DownlinkLog.own}. */
  readonly own?: (spacecraftId: string) => Promise<StreamHold>;

  constructor(db: Database, options: KnexDownlinkLogOptions = {}) {
    this.runner = createRunner(db.knex, db.kind);
    this.appends = new GroupCommit((frames) => withStorage(() => appendFrames(this.runner, frames)), {
      maxBatch: options.maxBatch ?? 500,
      maxInFlight: options.maxInFlight ?? (db.kind === "postgres" ? 4 : 1),
      keyOf: ({ frame }) => `${frame.spacecraftId}\u0000${frame.seq}`,
    });
    const shared = db.kind === "postgres" && db.connectionConfig !== null;
    const locks = shared
      ? new StreamLocks(db.connectionConfig ?? {}, db.schema, options.lockConnections)
      : null;
    this.locks = locks;
    if (locks) this.own = (spacecraftId) => locks.own(spacecraftId);
  }

  append(frame: DownlinkFrame, at: Instant): Promise<FrameArrival> {
    return this.appends.submit({ frame, fingerprint: frameFingerprint(frame), at });
  }

  load(spacecraftId: string): Promise<StoredStream> {
    return withStorage(() => selectStream(this.runner, spacecraftId));
  }

  save(progress: StreamProgress): Promise<void> {
    return withStorage(() => saveStream(this.runner, progress));
  }

  listGaps(query: GapQuery): Promise<Page<GapRecord>> {
    return withStorage(() => selectGaps(this.runner, query));
  }

  /** Closes the stream locks' connections (the database's own pool is the database's to close). */
  async close(): Promise<void> {
    await this.locks?.close();
  }
}
