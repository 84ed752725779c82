import Router from "@koa/router";
import { type FleetService, parseRfc3339, SPACECRAFT_ID_PATTERN, type TelemetryArchive } from "@uplink/core";
import { z } from "zod";
import { RequestValidationError } from "../request-validation-error.js";
import { parseWith } from "../schemas/parse-with.js";
import { formatInstant } from "../wire/telecommand-wire.js";

/** What the telemetry route needs. */
export interface TelemetryRouterDeps {
  readonly fleet: FleetService;
  readonly telemetry: TelemetryArchive;
}

/** The most values one history read answers. */
export const MAX_TELEMETRY_POINTS = 10_000;

const instant = z.iso.datetime({ offset: true });

/** The query of `GET /api/spacecraft/:id/telemetry`. */
export const telemetryQuerySchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: "One parameter's history instead of every latest value" }),
  from: instant.optional().meta({ description: "With name: values at or after this instant" }),
  to: instant.optional().meta({ description: "With name: values at or before this instant" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_TELEMETRY_POINTS)
    .default(1_000)
    .meta({
      description: `With name: at most this many values, oldest first (1 to ${MAX_TELEMETRY_POINTS})`,
    }),
});

/**
 * `GET /api/spacecraft/:id/telemetry` (SPEC §8): the latest value of every parameter, or with
 * `name` (and `from`, `to`) that parameter's values, oldest first. 404 for an unregistered id.
 */
export function telemetryRouter({ fleet, telemetry }: TelemetryRouterDeps): Router {
  const router = new Router();

  router.get("/api/spacecraft/:id/telemetry", async (ctx) => {
    const id = ctx.params.id as string;
    if (!SPACECRAFT_ID_PATTERN.test(id)) {
      throw RequestValidationError.of("id", `must match ${SPACECRAFT_ID_PATTERN.source}`, "pattern");
    }
    const query = parseWith(telemetryQuerySchema, ctx.query, "query");
    const from = query.from === undefined ? undefined : (parseRfc3339(query.from) ?? Number.NaN);
    const to = query.to === undefined ? undefined : (parseRfc3339(query.to) ?? Number.NaN);
    if (query.name === undefined && (from !== undefined || to !== undefined)) {
      throw RequestValidationError.of("name", "is required with from and to", "required");
    }
    if (from !== undefined && to !== undefined && to < from) {
      throw RequestValidationError.of("to", "must not be before from", "order");
    }
    await fleet.get(id);
    const points =
      query.name === undefined
        ? await telemetry.latest([id])
        : await telemetry.history({
            spacecraftId: id,
            name: query.name,
            limit: query.limit,
            ...(from === undefined ? {} : { from }),
            ...(to === undefined ? {} : { to }),
          });
    ctx.body = {
      items: points.map((p) => ({ name: p.name, value: p.value, time: formatInstant(p.time), seq: p.seq })),
    };
  });

  return router;
}
