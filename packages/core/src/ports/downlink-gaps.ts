import type { Awaitable } from "../awaitable.js";
import type { Page } from "../types.js";
import type { GapRecord } from "./downlink-log.js";

/** A page of the gaps: at most `limit`, after the page `cursor` ended (a page's `nextCursor`). */
export interface GapQuery {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/**
 * The gaps a {@link DownlinkLog} recorded, newest first (`GET /api/downlink/gaps`). A cursor is
 * the adapter's own and opaque; one it did not hand out is a `ValidationError` on `cursor`.
 */
export interface DownlinkGaps {
  listGaps(query: GapQuery): Awaitable<Page<GapRecord>>;
}

export const DOWNLINK_GAPS = Symbol.for("uplink.DownlinkGaps");
