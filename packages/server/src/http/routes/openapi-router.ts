import Router from "@koa/router";
import { openApiDocument } from "../openapi/openapi-document.js";

/** What the OpenAPI route needs. */
export interface OpenApiRouterDeps {
  /** The lifecycle's statuses (the `status` filter's values). */
  readonly statuses: readonly string[];
}

/** `GET /openapi.json`: the OpenAPI 3.1 document, generated once from the route schemas. */
export function openApiRouter({ statuses }: OpenApiRouterDeps): Router {
  const router = new Router();
  let document: Record<string, unknown> | null = null;

  router.get("/openapi.json", (ctx) => {
    document ??= openApiDocument(statuses);
    ctx.body = document;
  });

  return router;
}
