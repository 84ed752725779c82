import Router from "@koa/router";
import type { AuditLog } from "@uplink/core";
import { auditQuerySchema } from "../schemas/access-schemas.js";
import { parseWith } from "../schemas/parse-with.js";

/** What the audit route needs. */
export interface AuditRouterDeps {
  readonly audit: AuditLog;
}

/**
 * `GET /api/audit` (SPEC §10, admins only): who changed users, spacecraft, dictionaries,
 * inhibits and queue states, and when, newest first: `{items: [{id, at, actor, action,
 * target}], nextCursor}`, paged with `limit` and `cursor`.
 */
export function auditRouter({ audit }: AuditRouterDeps): Router {
  const router = new Router();

  router.get("/api/audit", async (ctx) => {
    const query = parseWith(auditQuerySchema, ctx.query, "query");
    const entries = await audit.list({
      limit: query.limit + 1,
      ...(query.cursor === undefined ? {} : { before: Number(query.cursor) }),
    });
    const page = entries.slice(0, query.limit);
    ctx.body = {
      items: page.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
      nextCursor: entries.length > query.limit ? String(page[page.length - 1]?.id) : null,
    };
  });

  return router;
}
