import Router from "@koa/router";
import { type FleetService, type InhibitCatalog, type Inhibits, SPACECRAFT_ID_PATTERN } from "@uplink/core";
import { readJsonBody } from "../read-json-body.js";
import { RequestValidationError } from "../request-validation-error.js";

/** What the inhibit routes need. */
export interface InhibitsRouterDeps {
  readonly inhibits: InhibitCatalog;
  /** Who is registered: the inhibits of an unregistered spacecraft are a 404. */
  readonly fleet: Pick<FleetService, "get">;
  readonly maxBodyBytes: number;
}

const toWire = (spacecraftId: string, inhibits: Inhibits) => ({
  spacecraftId,
  categories: [...inhibits.categories],
  commands: [...inhibits.commands],
});

/**
 * `/api/spacecraft/:id/inhibits` (SPEC §9): `PUT {categories, commands}` replaces the
 * spacecraft's set (a bad body is a 400 naming the field, and changes nothing); `GET` reads it
 * (empty lists by default). Both answer 404 for a spacecraft that is not registered.
 */
export function inhibitsRouter({ inhibits, fleet, maxBodyBytes }: InhibitsRouterDeps): Router {
  const router = new Router({ prefix: "/api/spacecraft/:id/inhibits" });

  router.put("/", async (ctx) => {
    const id = spacecraftIdOf(ctx.params.id);
    await fleet.get(id);
    const body = await readJsonBody(ctx, maxBodyBytes);
    ctx.body = toWire(id, await inhibits.put(id, body));
  });

  router.get("/", async (ctx) => {
    const id = spacecraftIdOf(ctx.params.id);
    await fleet.get(id);
    ctx.body = toWire(id, await inhibits.get(id));
  });

  return router;
}

function spacecraftIdOf(raw: string | undefined): string {
  if (raw === undefined || !SPACECRAFT_ID_PATTERN.test(raw)) {
    throw RequestValidationError.of("id", `must match ${SPACECRAFT_ID_PATTERN.source}`, "pattern");
  }
  return raw;
}
