import Router from "@koa/router";
import { isApiPath, type RouteAccess } from "./route-access.js";

/** A request's entry in the route table, with the path's parameters. */
export interface MatchedRoute {
  readonly route: RouteAccess;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Finds a request's entry in a route table with `@koa/router`'s own matching, so that a path
 * matches its entry exactly as it matches its route. HEAD is matched as GET; the first entry
 * wins; under `/api/` the console's catch-all does not count.
 */
export function routeMatcher(
  table: readonly RouteAccess[],
): (method: string, path: string) => MatchedRoute | null {
  const router = new Router();
  const entries = new Map<unknown, RouteAccess>();
  for (const route of table) {
    const layer = router.register(route.path, [route.method], () => undefined);
    entries.set(layer, route);
  }
  return (method, path) => {
    const verb = method === "HEAD" ? "GET" : method;
    for (const layer of router.match(path, verb).pathAndMethod) {
      const route = entries.get(layer);
      if (route === undefined || (isApiPath(path) && route.path.includes("*"))) continue;
      return { route, params: layer.params(path, layer.captures(path)) };
    }
    return null;
  };
}
