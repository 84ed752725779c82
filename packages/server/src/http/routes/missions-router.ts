import Router from "@koa/router";
import { parseFleetSort } from "@uplink/core";
import { RequestValidationError } from "../request-validation-error.js";
import { parseWith } from "../schemas/parse-with.js";
import { describeFleet, type FleetRouterDeps, missionQuerySchema } from "./spacecraft-router.js";

/** `GET /api/missions` and `GET /api/missions/:mission` (SPEC §8). */
export function missionsRouter(deps: Omit<FleetRouterDeps, "maxBodyBytes">): Router {
  const router = new Router();

  router.get("/api/missions", async (ctx) => {
    parseWith(missionQuerySchema.pick({}), ctx.query, "query");
    ctx.body = { items: await deps.fleet.missions() };
  });

  router.get("/api/missions/:mission", async (ctx) => {
    const mission = (ctx.params.mission as string).trim();
    if (mission.length === 0 || mission.length > 100) {
      throw RequestValidationError.of("mission", "must be 1 to 100 characters", "pattern");
    }
    const query = parseWith(missionQuerySchema, ctx.query, "query");
    const items = await deps.fleet.mission(mission, parseFleetSort(query.sort));
    ctx.body = { items: await describeFleet(deps, items, query.health) };
  });

  return router;
}
