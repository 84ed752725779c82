import type { DownlinkFrame, DownlinkLog, FrameArrival, Instant } from "@uplink/core";
import type { Knex } from "knex";
import type { Database } from "../../database/database.js";
import { appendFrame } from "./sql/append-frame.js";
import { advanceCursor, selectCursor } from "./sql/downlink-cursor.js";
import { withStorage } from "./storage-errors.js";

/** Options of {@link KnexDownlinkLog}. */
export interface KnexDownlinkLogOptions {
  /** Stamps `received_at` (the server's clock; default the system time). */
  readonly now?: () => Instant;
}

/**
 * The {@link DownlinkLog} on PostgreSQL or PGlite: frames keyed by (spacecraft, seq) with the
 * first write winning, and a forward-only cursor per spacecraft.
 *
 * @example
 * const log = new KnexDownlinkLog(db, { now: () => clock.now() });
 * await log.append(frame, canonicalJson(frame)); // "new", "duplicate" or "conflict"
 */
export class KnexDownlinkLog implements DownlinkLog {
  private readonly knex: Knex;
  private readonly now: () => Instant;

  constructor(db: Database, options: KnexDownlinkLogOptions = {}) {
    this.knex = db.knex;
    this.now = options.now ?? Date.now;
  }

  append(frame: DownlinkFrame, fingerprint: string): Promise<FrameArrival> {
    return withStorage(() => appendFrame(this.knex, frame, fingerprint, this.now()));
  }

  cursor(spacecraftId: string): Promise<number> {
    return withStorage(() => selectCursor(this.knex, spacecraftId));
  }

  advance(spacecraftId: string, seq: number): Promise<void> {
    return withStorage(() => advanceCursor(this.knex, spacecraftId, seq));
  }
}
