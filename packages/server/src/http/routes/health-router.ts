import Router from "@koa/router";
import type { Readiness } from "../http-deps.js";

/** What the health routes need. */
export interface HealthRouterDeps {
  readiness(): Promise<Readiness>;
}

/**
 * `GET /healthz` (the process answers: 200) and `GET /readyz` (200 when every readiness check
 * passes, 503 otherwise, including when the check itself throws).
 */
export function healthRouter({ readiness }: HealthRouterDeps): Router {
  const router = new Router();

  router.get("/healthz", (ctx) => {
    ctx.body = { status: "ok" };
  });

  router.get("/readyz", async (ctx) => {
    const report = await readiness().catch((): Readiness => ({ ok: false, checks: { readiness: false } }));
    ctx.status = report.ok ? 200 : 503;
    ctx.body = { status: report.ok ? "ready" : "unavailable", checks: report.checks };
  });

  return router;
}
