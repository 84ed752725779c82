import type { StreamHold } from "@uplink/core";
import pg from "pg";
import { lockStream, unlockStream } from "./sql/stream-lock.js";
import { toStorageError } from "./storage-errors.js";

/** Connections kept for stream locks by default: the streams one process works on at once. */
export const DEFAULT_STREAM_LOCK_CONNECTIONS = 4;

/**
 * One owner per spacecraft downlink stream across every process on a PostgreSQL database: a
 * session-level advisory lock per stream, held on a connection of its own (a small pool apart
 * from the statements' pool, so that a process waiting for a stream never holds a connection
 * its own work needs). A process that dies, or loses its connection, lets its streams go with
 * its sessions.
 *
 * @example
 * const locks = new StreamLocks(db.connectionConfig, db.schema);
 * const hold = await locks.own("sc-1");
 * try { ... } finally { hold.release(); }
 */
export class StreamLocks {
  private readonly pool: pg.Pool;
  private readonly guarded = new WeakSet<pg.PoolClient>();

  constructor(
    config: pg.ClientConfig,
    private readonly schema: string,
    connections = DEFAULT_STREAM_LOCK_CONNECTIONS,
  ) {
    this.pool = new pg.Pool({ ...config, max: connections, idleTimeoutMillis: 30_000 });
    // An idle connection that drops is replaced on demand; its locks went with it.
    this.pool.on("error", () => undefined);
  }

  /** Waits until this process alone holds the stream of `spacecraftId`. */
  async own(spacecraftId: string): Promise<StreamHold> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toStorageError(error);
    }
    if (!this.guarded.has(client)) {
      // The pool listens to idle connections only: one cut while it holds a lock (a database
      // restart) fails the next query on it, which destroys it, instead of crashing the process.
      client.on("error", () => undefined);
      this.guarded.add(client);
    }
    try {
      await lockStream(client, this.schema, spacecraftId);
    } catch (error) {
      client.release(true);
      throw toStorageError(error);
    }
    return {
      // The next owner waits for the unlock in the database, not this process for its answer.
      release: () => {
        unlockStream(client, this.schema, spacecraftId).then(
          () => client.release(),
          (error: unknown) => client.release(error instanceof Error ? error : true),
        );
      },
    };
  }

  /** Closes the connections (their locks go with them). */
  close(): Promise<void> {
    return this.pool.end();
  }
}
