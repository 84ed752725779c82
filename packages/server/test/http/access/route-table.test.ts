import Router from "@koa/router";
import { PERMISSIONS, USER_ROLES } from "@uplink/core";
import type Koa from "koa";
import { expect, it } from "vitest";
import { ROUTE_ACCESS } from "../../../src/http/access/route-access.js";
import { createApp } from "../../../src/http/create-app.js";
import { TEST_TOKENS } from "../../support/tokens.js";
import { describeHttp } from "../support/describe-http.js";
import type { Caller } from "../support/http-harness.js";

/** Every `METHOD path` the app's routers register (HEAD comes with GET and is not listed). */
function registeredRoutes(app: Koa): string[] {
  const routes: string[] = [];
  for (const middleware of app.middleware) {
    const router = (middleware as { router?: Router }).router;
    if (router === undefined) continue;
    for (const layer of router.stack) {
      const path =
        typeof layer.path === "string" && layer.path.length > 1 ? layer.path.replace(/\/$/, "") : layer.path;
      for (const method of layer.methods) if (method !== "HEAD") routes.push(`${method} ${String(path)}`);
    }
  }
  return routes;
}

/** Routes registered but missing from the permission table. */
function unlisted(app: Koa): string[] {
  const listed = new Set(ROUTE_ACCESS.map((r) => `${r.method} ${r.path}`));
  return registeredRoutes(app).filter((route) => !listed.has(route));
}

describeHttp(
  "the permission table",
  ({ start }) => {
    it("lists every route the app registers (a route added without an entry fails here)", async () => {
      const h = await start();
      const app = createApp(h.deps);
      const routes = registeredRoutes(app);
      expect(routes.length).toBeGreaterThanOrEqual(25);
      expect(routes).toContain("POST /api/telecommands");
      expect(unlisted(app)).toEqual([]);
      // The check itself sees a route that is not in the table.
      const extra = new Router();
      extra.post("/api/self-destruct", (ctx) => {
        ctx.status = 204;
      });
      app.use(extra.routes());
      expect(unlisted(app)).toEqual(["POST /api/self-destruct"]);
    });

    it("has one entry per route and a known permission for each", () => {
      const keys = ROUTE_ACCESS.map((r) => `${r.method} ${r.path}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const route of ROUTE_ACCESS) {
        expect(["public", "signed-in", ...Object.keys(PERMISSIONS)]).toContain(route.access);
      }
    });

    // Each role against each route of the table: 403 exactly when its role lacks the route's
    // permission, 401 without credentials (public routes excepted), and nothing written.
    it("answers each role on each route as the table says, and writes nothing when it refuses", async () => {
      const h = await start();
      const sample: Record<string, string> = {
        id: "0193a3c0-0000-7000-8000-00000000abcd",
        mission: "nomission",
        name: "nobody",
        path: "styles.css",
      };
      const callers: Caller[] = [null, ...USER_ROLES];
      const failures: string[] = [];
      for (const route of ROUTE_ACCESS) {
        const path = route.path
          .replace("{*path}", sample.path as string)
          .replace(/:(\w+)/g, (_, p: string) => sample[p] as string);
        for (const caller of callers) {
          const abort = new AbortController();
          const withBody = route.method !== "GET" && route.method !== "DELETE";
          const answer = await fetch(h.baseUrl + path, {
            method: route.method,
            signal: abort.signal,
            headers: {
              ...(withBody ? { "content-type": "application/json" } : {}),
              ...(caller === null ? {} : { authorization: `Bearer ${TEST_TOKENS[caller]}` }),
            },
            ...(withBody ? { body: "{}" } : {}),
          });
          abort.abort();
          const expected = expectedAnswer(route.access, caller);
          const ok =
            expected === "allowed"
              ? answer.status !== 401 && answer.status !== 403 && answer.status < 500
              : answer.status === expected;
          if (!ok)
            failures.push(
              `${route.method} ${path} as ${caller ?? "nobody"}: ${answer.status}, expected ${expected}`,
            );
          if (answer.status === 401)
            expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer realm="uplink"/);
        }
      }
      expect(failures).toEqual([]);
      expect(await h.count()).toBe(0);
      // The empty bodies are refused (400) but by PUT inhibits, which empties the set: each
      // change recorded was made by a role the table allows, none by a refused caller.
      for (const entry of await h.audit.list({ limit: 500 })) {
        const route = ROUTE_ACCESS.find((r) => r.audit === entry.action);
        expect(expectedAnswer(route?.access ?? "", entry.actor as Caller)).toBe("allowed");
      }
      expect((await h.accounts.list()).map((u) => u.name)).toEqual([...USER_ROLES].sort());
    });
  },
  ["memory"],
);

function expectedAnswer(access: string, caller: Caller): "allowed" | 401 | 403 {
  if (access === "public") return "allowed";
  if (caller === null) return 401;
  if (access === "signed-in") return "allowed";
  return (PERMISSIONS[access as keyof typeof PERMISSIONS] as readonly string[]).includes(caller)
    ? "allowed"
    : 403;
}
