import { createReadStream } from "node:fs";
import Router from "@koa/router";
import type { Context } from "koa";
import type { StaticFiles } from "../static-files.js";

/** What the console routes need. */
export interface ConsoleRouterDeps {
  readonly files: StaticFiles;
}

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Uplink</title></head>
<body><h1>Uplink</h1><p>The operator console is not installed in this build.
The API is described at <a href="/openapi.json">/openapi.json</a>.</p></body></html>
`;

/**
 * `GET /`: the operator console (`public/index.html`), and every other static file under
 * `public/` by its path, with its content type. Registered last: API routes win.
 */
export function consoleRouter({ files }: ConsoleRouterDeps): Router {
  const router = new Router();

  router.get("/", async (ctx) => {
    if (!(await serve(ctx, files, "/index.html"))) {
      ctx.type = "html";
      ctx.body = PLACEHOLDER;
    }
  });

  router.get("/{*path}", async (ctx) => {
    await serve(ctx, files, ctx.path);
  });

  return router;
}

/** Streams a static file; leaves the answer a 404 when there is none. */
async function serve(ctx: Context, files: StaticFiles, urlPath: string): Promise<boolean> {
  const file = await files.find(urlPath);
  if (!file) return false;
  ctx.status = 200;
  ctx.set("Cache-Control", "no-cache");
  ctx.set("X-Content-Type-Options", "nosniff");
  ctx.lastModified = file.modified;
  ctx.type = file.extension || "application/octet-stream";
  if (ctx.fresh) {
    ctx.status = 304;
    return true;
  }
  ctx.length = file.size;
  // Koa sends no body for HEAD; opening the file would only leak a descriptor.
  if (ctx.method !== "HEAD") ctx.body = createReadStream(file.path);
  return true;
}
