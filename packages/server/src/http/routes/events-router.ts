import { PassThrough } from "node:stream";
import Router from "@koa/router";
import { type Clock, NotFoundError, type TelecommandService } from "@uplink/core";
import type { Logger } from "pino";
import { z } from "zod";
import { EventStreamSession, type EventStreamTuning } from "../events/event-stream-session.js";
import type { FleetFeed } from "../events/fleet-feed.js";
import type { TransitionFeed } from "../http-deps.js";
import { parseWith } from "../schemas/parse-with.js";

/** What the event stream route needs. */
export interface EventsRouterDeps {
  readonly events: TransitionFeed;
  readonly telecommands: TelecommandService;
  readonly clock: Clock;
  readonly tuning: EventStreamTuning;
  readonly logger?: Logger | undefined;
  /** The fleet's `event: spacecraft` and `event: telemetry` (SPEC §8); none without it. */
  readonly fleet?: FleetFeed | undefined;
}

const eventId = z
  .string()
  .regex(/^\d{1,15}$/, "must be an event id (a whole number)")
  .transform(Number);

/** The query of `GET /api/events`: `lastEventId` for clients that cannot send the header. */
export const eventsQuerySchema = z.strictObject({
  lastEventId: eventId
    .optional()
    .meta({ description: "Resume after this event id (same as the Last-Event-ID header)" }),
});

/**
 * `GET /api/events`: Server-Sent Events (`event: telecommand`, `id:` the history event id, data
 * `{command, entry}`). `Last-Event-ID` (or `?lastEventId=`) replays what the client missed.
 * With a fleet feed, also `event: spacecraft` (first the current state of each) and
 * `event: telemetry`, without ids.
 */
export function eventsRouter({
  events,
  telecommands,
  clock,
  tuning,
  logger,
  fleet,
}: EventsRouterDeps): Router {
  const router = new Router();
  const lookup = async (id: string) => {
    try {
      return await telecommands.get(id);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  };

  router.get("/api/events", async (ctx) => {
    const query = parseWith(eventsQuerySchema, ctx.query, "query");
    const header = ctx.get("Last-Event-ID");
    const fromHeader = header === "" ? undefined : parseWith(eventId, header, "Last-Event-ID");
    const resumeAfter = Math.max(fromHeader ?? -1, query.lastEventId ?? -1);
    const stream = new PassThrough();
    const session = new EventStreamSession(
      stream,
      events,
      lookup,
      clock,
      tuning,
      resumeAfter < 0 ? null : resumeAfter,
      logger,
      fleet ?? null,
    );
    const firstPage = await session.open();
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.status = 200;
    ctx.type = "text/event-stream";
    ctx.set("Cache-Control", "no-cache, no-transform");
    ctx.set("X-Accel-Buffering", "no");
    ctx.body = stream;
    ctx.res.once("close", () => session.close());
    void session.run(firstPage);
  });

  return router;
}
