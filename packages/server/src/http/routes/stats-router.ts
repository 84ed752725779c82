import Router from "@koa/router";
import type { Clock } from "@uplink/core";
import type { StatsSnapshot } from "../http-deps.js";
import { statsView } from "../views/stats-view.js";

/** What the stats route needs. */
export interface StatsRouterDeps {
  stats(): Promise<StatsSnapshot>;
  readonly statuses: readonly string[];
  readonly clock: Clock;
}

/** `GET /api/stats`: counts by status, refused and duplicate submissions, downlink duplicates and gaps. */
export function statsRouter({ stats, statuses, clock }: StatsRouterDeps): Router {
  const router = new Router();

  router.get("/api/stats", async (ctx) => {
    ctx.body = statsView(await stats(), statuses, clock.now());
  });

  return router;
}
