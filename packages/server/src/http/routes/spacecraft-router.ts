import Router from "@koa/router";
import { type FleetService, parseFleetSort, SPACECRAFT_ID_PATTERN, type Spacecraft } from "@uplink/core";
import { z } from "zod";
import { readJsonBody } from "../read-json-body.js";
import { RequestValidationError } from "../request-validation-error.js";
import { parseWith } from "../schemas/parse-with.js";
import {
  HEALTH_VALUES,
  type SpacecraftLive,
  type SpacecraftWire,
  spacecraftWire,
} from "../wire/spacecraft-wire.js";

/** What the fleet routes need. */
export interface FleetRouterDeps {
  readonly fleet: FleetService;
  /** What the wire adds to each spacecraft (queue, health, latest telemetry). */
  live(fleet: readonly Spacecraft[]): Promise<ReadonlyMap<string, SpacecraftLive>>;
  readonly maxBodyBytes: number;
}

/** The query of `GET /api/spacecraft`. */
export const fleetQuerySchema = z.strictObject({
  sort: z
    .string()
    .optional()
    .meta({ description: "createdAt (default), name, mission or lastFrameAt; a leading - sorts descending" }),
  mission: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "Only this mission's (case-insensitive)" }),
  health: z.enum(HEALTH_VALUES).optional().meta({ description: "Only spacecraft in this health" }),
});

/** The query of `GET /api/missions/:mission`. */
export const missionQuerySchema = fleetQuerySchema.pick({ sort: true, health: true });

/** The wire form of spacecraft, with their live state, keeping those in `health` when given. */
export async function describeFleet(
  deps: Pick<FleetRouterDeps, "live">,
  items: readonly Spacecraft[],
  health?: string,
): Promise<SpacecraftWire[]> {
  const live = await deps.live(items);
  const wire = items.map((s) => spacecraftWire(s, live.get(s.id) ?? UNKNOWN));
  return health === undefined ? wire : wire.filter((s) => s.health === health);
}

/** The whole fleet on the wire, oldest first: what the event streams' fleet feed reads. */
export async function fleetOnWire(deps: Pick<FleetRouterDeps, "fleet" | "live">): Promise<SpacecraftWire[]> {
  return describeFleet(deps, await deps.fleet.list({ sort: parseFleetSort(undefined) }));
}

const UNKNOWN: SpacecraftLive = Object.freeze({ queue: "open", health: "unknown", telemetry: {} });

function idOf(raw: string): string {
  if (!SPACECRAFT_ID_PATTERN.test(raw)) {
    throw RequestValidationError.of("id", `must match ${SPACECRAFT_ID_PATTERN.source}`, "pattern");
  }
  return raw;
}

/** The fleet (SPEC §8): register, list, read, change and remove spacecraft. */
export function spacecraftRouter(deps: FleetRouterDeps): Router {
  const { fleet, maxBodyBytes } = deps;
  const router = new Router();

  router.post("/api/spacecraft", async (ctx) => {
    const body = parseWith(z.unknown(), await readJsonBody(ctx, maxBodyBytes));
    const created = await fleet.register(body);
    ctx.status = 201;
    ctx.set("Location", `/api/spacecraft/${encodeURIComponent(created.id)}`);
    ctx.body = (await describeFleet(deps, [created]))[0];
  });

  router.get("/api/spacecraft", async (ctx) => {
    const query = parseWith(fleetQuerySchema, ctx.query, "query");
    const items = await fleet.list({
      sort: parseFleetSort(query.sort),
      ...(query.mission === undefined ? {} : { mission: query.mission }),
    });
    ctx.body = { items: await describeFleet(deps, items, query.health) };
  });

  router.get("/api/spacecraft/:id", async (ctx) => {
    const found = await fleet.get(idOf(ctx.params.id as string));
    ctx.body = (await describeFleet(deps, [found]))[0];
  });

  router.patch("/api/spacecraft/:id", async (ctx) => {
    const id = idOf(ctx.params.id as string);
    const body = parseWith(z.unknown(), await readJsonBody(ctx, maxBodyBytes));
    const updated = await fleet.update(id, body);
    ctx.body = (await describeFleet(deps, [updated]))[0];
  });

  router.delete("/api/spacecraft/:id", async (ctx) => {
    await fleet.remove(idOf(ctx.params.id as string));
    ctx.status = 204;
  });

  return router;
}
