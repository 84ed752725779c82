import Router from "@koa/router";
import type { DownlinkGaps, GapRecord } from "@uplink/core";
import { gapListQuerySchema } from "../schemas/downlink-schemas.js";
import { parseWith } from "../schemas/parse-with.js";
import { formatInstant } from "../wire/telecommand-wire.js";
import type { GapWire } from "../wire/wire-schemas.js";

/** What the gaps route needs. */
export interface DownlinkGapsRouterDeps {
  readonly gaps: DownlinkGaps;
}

/**
 * `GET /api/downlink/gaps`: the gaps skipped in every spacecraft's downlink stream, by every
 * API process, newest first, paged with `limit` and `cursor` like the telecommand list.
 */
export function downlinkGapsRouter({ gaps }: DownlinkGapsRouterDeps): Router {
  const router = new Router();

  router.get("/api/downlink/gaps", async (ctx) => {
    const query = parseWith(gapListQuerySchema, ctx.query, "query");
    const page = await gaps.listGaps(query);
    ctx.body = { items: page.items.map(toWireGap), nextCursor: page.nextCursor };
  });

  return router;
}

function toWireGap(gap: GapRecord): GapWire {
  return {
    spacecraftId: gap.spacecraftId,
    fromSeq: gap.fromSeq,
    toSeq: gap.toSeq,
    missing: gap.toSeq - gap.fromSeq + 1,
    at: formatInstant(gap.at) ?? new Date(0).toISOString(),
    cause: gap.cause,
  };
}
