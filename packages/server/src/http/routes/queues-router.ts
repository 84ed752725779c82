import Router from "@koa/router";
import { type FleetService, type QueueCatalog, SPACECRAFT_ID_PATTERN, type Spacecraft } from "@uplink/core";
import { readJsonBody } from "../read-json-body.js";
import { RequestValidationError } from "../request-validation-error.js";
import type { SpacecraftLive } from "../wire/spacecraft-wire.js";
import { describeFleet } from "./spacecraft-router.js";

/** What the queue route needs. */
export interface QueuesRouterDeps {
  readonly queues: QueueCatalog;
  /** Who is registered: the queue of an unregistered spacecraft is a 404. */
  readonly fleet: Pick<FleetService, "get">;
  live(fleet: readonly Spacecraft[]): Promise<ReadonlyMap<string, SpacecraftLive>>;
  readonly maxBodyBytes: number;
}

/**
 * `POST /api/spacecraft/:id/queue {state}` (SPEC §10): `open`, `held` (accepted, nothing sent)
 * or `closed` (new submissions refused, queued ones wait). Answers the spacecraft with its new
 * `queue`; a bad body is a 400 naming the field and changes nothing; 404 when not registered.
 */
export function queuesRouter(deps: QueuesRouterDeps): Router {
  const router = new Router();

  router.post("/api/spacecraft/:id/queue", async (ctx) => {
    const id = ctx.params.id ?? "";
    if (!SPACECRAFT_ID_PATTERN.test(id)) {
      throw RequestValidationError.of("id", `must match ${SPACECRAFT_ID_PATTERN.source}`, "pattern");
    }
    const spacecraft = await deps.fleet.get(id);
    const body = await readJsonBody(ctx, deps.maxBodyBytes);
    await deps.queues.set(id, body);
    const [wire] = await describeFleet(deps, [spacecraft]);
    ctx.body = wire;
  });

  return router;
}
