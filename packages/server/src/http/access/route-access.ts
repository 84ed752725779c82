import type { Permission } from "@uplink/core";

/**
 * What a route asks of a request: nothing (`public`), any signed-in user (`signed-in`), or one
 * permission of core's table (a role that holds it).
 */
export type Access = "public" | "signed-in" | Permission;

/** One route of the API and what it asks; `audit` names the action it writes to the audit log. */
export interface RouteAccess {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The path as the route registers it (`@koa/router` syntax). */
  readonly path: string;
  readonly access: Access;
  readonly audit?: string;
}

/**
 * Every route and what it asks (SPEC §10): the one place access is decided. A route that is
 * not listed here fails the access tests; a request to an unlisted path under `/api/` needs a
 * signed-in user (and then gets the router's 404 or 405). Literal paths come before the
 * parameter routes they would also match (`export` before `:id`).
 */
export const ROUTE_ACCESS: readonly RouteAccess[] = [
  { method: "GET", path: "/healthz", access: "public" },
  { method: "GET", path: "/readyz", access: "public" },
  { method: "GET", path: "/metrics", access: "public" },
  { method: "GET", path: "/openapi.json", access: "public" },

  { method: "POST", path: "/api/session", access: "public" },
  { method: "GET", path: "/api/session", access: "signed-in" },
  { method: "DELETE", path: "/api/session", access: "public" },

  { method: "GET", path: "/api/telecommands/export", access: "read" },
  { method: "POST", path: "/api/telecommands", access: "operate" },
  { method: "GET", path: "/api/telecommands", access: "read" },
  { method: "GET", path: "/api/telecommands/:id", access: "read" },
  { method: "GET", path: "/api/telecommands/:id/history", access: "read" },
  { method: "POST", path: "/api/telecommands/:id/cancel", access: "operate" },
  { method: "POST", path: "/api/telecommands/:id/hold", access: "operate" },
  { method: "POST", path: "/api/telecommands/:id/release", access: "operate" },
  { method: "POST", path: "/api/telecommands/:id/comments", access: "operate" },
  { method: "POST", path: "/api/telecommands/:id/approve", access: "approve" },
  { method: "POST", path: "/api/telecommands/:id/reject", access: "approve" },
  { method: "GET", path: "/api/events", access: "read" },

  { method: "POST", path: "/api/downlink", access: "downlink" },
  { method: "GET", path: "/api/downlink/gaps", access: "read" },

  { method: "POST", path: "/api/spacecraft", access: "administer", audit: "spacecraft.register" },
  { method: "GET", path: "/api/spacecraft", access: "read" },
  { method: "GET", path: "/api/spacecraft/:id", access: "read" },
  { method: "PATCH", path: "/api/spacecraft/:id", access: "administer", audit: "spacecraft.update" },
  { method: "DELETE", path: "/api/spacecraft/:id", access: "administer", audit: "spacecraft.remove" },
  { method: "GET", path: "/api/spacecraft/:id/telemetry", access: "read" },
  { method: "GET", path: "/api/spacecraft/:id/forecast", access: "read" },
  { method: "PUT", path: "/api/spacecraft/:id/inhibits", access: "approve", audit: "inhibits.put" },
  { method: "GET", path: "/api/spacecraft/:id/inhibits", access: "read" },
  { method: "POST", path: "/api/spacecraft/:id/queue", access: "approve", audit: "queue.set" },
  { method: "GET", path: "/api/missions", access: "read" },
  { method: "GET", path: "/api/missions/:mission", access: "read" },
  { method: "PUT", path: "/api/missions/:mission/dictionary", access: "administer", audit: "dictionary.put" },
  { method: "GET", path: "/api/missions/:mission/dictionary", access: "read" },

  { method: "GET", path: "/api/contacts", access: "read" },
  { method: "GET", path: "/api/stats", access: "read" },

  { method: "POST", path: "/api/users", access: "administer", audit: "user.add" },
  { method: "GET", path: "/api/users", access: "administer" },
  { method: "DELETE", path: "/api/users/:name", access: "administer", audit: "user.revoke" },
  { method: "GET", path: "/api/audit", access: "administer" },

  // The console's page and files (they show the sign-in form): never for paths under /api/.
  { method: "GET", path: "/", access: "public" },
  { method: "GET", path: "/{*path}", access: "public" },
];

/** Whether `path` is the API's (unlisted ones there need a signed-in user; the console's catch-all never serves them). */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}
