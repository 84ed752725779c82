import Router from "@koa/router";
import type { Clock } from "@uplink/core";
import type { Logger } from "pino";
import type { StatsSnapshot } from "../http-deps.js";
import type { HttpMetrics } from "../http-metrics.js";
import { statsView } from "../views/stats-view.js";

/** What the metrics route needs. */
export interface MetricsRouterDeps {
  readonly metrics: HttpMetrics;
  stats(): Promise<StatsSnapshot>;
  readonly statuses: readonly string[];
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
}

/**
 * `GET /metrics`: Prometheus text. The Uplink counters are refreshed from the stats snapshot
 * first; when storage is down the scrape still answers with the last values and the HTTP
 * latencies, which matter most during an outage.
 */
export function metricsRouter({ metrics, stats, statuses, clock, logger }: MetricsRouterDeps): Router {
  const router = new Router();

  router.get("/metrics", async (ctx) => {
    await stats().then(
      (snapshot) => metrics.update(statsView(snapshot, statuses, clock.now())),
      (error: unknown) => logger?.warn({ err: error }, "metrics: stats unavailable, serving the last values"),
    );
    const { contentType, text } = await metrics.render();
    ctx.type = contentType;
    ctx.body = text;
  });

  return router;
}
