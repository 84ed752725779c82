import type Router from "@koa/router";
import Koa from "koa";
import { SignInThrottle } from "../auth/sign-in-throttle.js";
import { accessMiddleware } from "./access/access-middleware.js";
import { createFleetFeed } from "./events/fleet-feed.js";
import { DEFAULT_HTTP_OPTIONS, type HttpDeps, type HttpOptions } from "./http-deps.js";
import { HttpMetrics } from "./http-metrics.js";
import { problemMiddleware } from "./problem-middleware.js";
import { auditRouter } from "./routes/audit-router.js";
import { consoleRouter } from "./routes/console-router.js";
import { contactsRouter } from "./routes/contacts-router.js";
import { dictionariesRouter } from "./routes/dictionaries-router.js";
import { downlinkGapsRouter } from "./routes/downlink-gaps-router.js";
import { downlinkRouter } from "./routes/downlink-router.js";
import { eventsRouter } from "./routes/events-router.js";
import { healthRouter } from "./routes/health-router.js";
import { inhibitsRouter } from "./routes/inhibits-router.js";
import { metricsRouter } from "./routes/metrics-router.js";
import { missionsRouter } from "./routes/missions-router.js";
import { openApiRouter } from "./routes/openapi-router.js";
import { queuesRouter } from "./routes/queues-router.js";
import { sessionRouter } from "./routes/session-router.js";
import { fleetOnWire, spacecraftRouter } from "./routes/spacecraft-router.js";
import { statsRouter } from "./routes/stats-router.js";
import { telecommandsRouter } from "./routes/telecommands-router.js";
import { telemetryRouter } from "./routes/telemetry-router.js";
import { usersRouter } from "./routes/users-router.js";
import { StaticFiles } from "./static-files.js";
import { SubmissionRejections } from "./submission-rejections.js";

/**
 * The Koa application of SPEC §5: one router per resource, latency observed for every request,
 * every error answered as `application/problem+json` by one middleware, and every request
 * authenticated and authorized by one more (SPEC §10, `access/`) before any route runs. Listen with
 * `http.createServer(app.callback())`.
 *
 * @example
 * const app = createApp({ telecommands, accounts, audit, downlink, contactPlan, knownSpacecraft, events, readiness,
 *   stats, counters, metrics: new Registry(), clock, logger });
 * http.createServer(app.callback()).listen(8080, "127.0.0.1");
 */
export function createApp(deps: HttpDeps, overrides: Partial<HttpOptions> = {}): Koa {
  const options: HttpOptions = { ...DEFAULT_HTTP_OPTIONS, ...overrides };
  const { telecommands, clock, logger } = deps;
  const statuses = telecommands.lifecycle.statuses;
  const rejections = new SubmissionRejections(deps.counters);
  const metrics = new HttpMetrics(deps.metrics);
  const stats = () => deps.stats();
  const fleetEvents =
    deps.fleetEvents ??
    createFleetFeed({
      read: () => fleetOnWire({ fleet: deps.fleet, live: (f) => deps.live(f) }),
      clock,
      onError: (error) => logger?.warn({ err: error }, "events: could not read the fleet; trying again"),
    });

  const { accounts, audit } = deps;
  const routers: Router[] = [
    sessionRouter({
      accounts,
      throttle: new SignInThrottle(clock),
      clock,
      maxBodyBytes: options.maxBodyBytes,
    }),
    usersRouter({ accounts, maxBodyBytes: options.maxBodyBytes }),
    auditRouter({ audit }),
    telecommandsRouter({
      telecommands,
      rejections,
      maxBodyBytes: options.maxBodyBytes,
      contactPlan: deps.contactPlan,
      clock,
    }),
    eventsRouter({
      events: deps.events,
      telecommands,
      clock,
      logger,
      fleet: fleetEvents,
      tuning: {
        heartbeatMs: options.heartbeatMs,
        gapWaitMs: options.eventGapWaitMs,
        maxBacklogBytes: options.maxStreamBacklogBytes,
        replayPageSize: 500,
      },
    }),
    downlinkRouter({ downlink: deps.downlink, clock, maxBodyBytes: options.maxBodyBytes }),
    downlinkGapsRouter({ gaps: deps.gaps }),
    spacecraftRouter({ fleet: deps.fleet, live: (f) => deps.live(f), maxBodyBytes: options.maxBodyBytes }),
    missionsRouter({ fleet: deps.fleet, live: (f) => deps.live(f) }),
    telemetryRouter({ fleet: deps.fleet, telemetry: deps.telemetry }),
    dictionariesRouter({ dictionaries: deps.dictionaries, maxDictionaryBytes: options.maxDictionaryBytes }),
    queuesRouter({
      queues: deps.queues,
      fleet: deps.fleet,
      live: (f) => deps.live(f),
      maxBodyBytes: options.maxBodyBytes,
    }),
    inhibitsRouter({ inhibits: deps.inhibits, fleet: deps.fleet, maxBodyBytes: options.maxBodyBytes }),
    contactsRouter({ contactPlan: deps.contactPlan, clock, knownSpacecraft: () => deps.knownSpacecraft() }),
    statsRouter({ stats, statuses, clock }),
    healthRouter({ readiness: () => deps.readiness() }),
    metricsRouter({ metrics, stats, statuses, clock, logger }),
    openApiRouter({ statuses }),
  ];

  const app = new Koa();
  // Koa would print errors the problem middleware already logged.
  app.silent = true;
  app.use(metrics.observe);
  app.use(problemMiddleware(logger, options.retryAfterSeconds));
  app.use(accessMiddleware({ accounts, audit, clock, logger }));
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(consoleRouter({ files: new StaticFiles(options.publicDir) }).routes());
  return app;
}
