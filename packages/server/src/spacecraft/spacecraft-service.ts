import { join } from "node:path";
import Router from "@koa/router";
import { DEFAULT_SPACECRAFT_ID, isInContact, SPACECRAFT_ID_PATTERN } from "@uplink/core";
import { contactPlanFromSpec, SimulatedSpacecraft, type SpacecraftStats } from "@uplink/sim";
import Koa from "koa";
import { z } from "zod";
import { DownlinkPoster } from "../adapters/http/downlink-poster.js";
import { createRandom } from "../adapters/node/crypto-random.js";
import { SystemClock } from "../adapters/node/system-clock.js";
import { startHttp } from "../composition/http-listener.js";
import { DEFAULTS, type UplinkConfig } from "../config.js";
import { problemMiddleware } from "../http/problem-middleware.js";
import { readJsonBody } from "../http/read-json-body.js";
import { RequestValidationError } from "../http/request-validation-error.js";
import type { Logger } from "../logging/logger.js";
import { ExecutedLog } from "./executed-log.js";
import { onboardDictionaries } from "./onboard-dictionaries.js";
import { SequenceBlocks } from "./sequence-blocks.js";

/** The settings the spacecraft service reads from the server configuration. */
export type SpacecraftServiceConfig = Pick<
  UplinkConfig,
  "port" | "host" | "downlinkUrl" | "ackDelayMaxMs" | "execDelayMaxMs" | "failureRate" | "seed" | "dataDir"
> &
  Partial<
    Pick<
      UplinkConfig,
      | "downlinkToken"
      | "hkIntervalMs"
      | "safeModeMeanMs"
      | "contacts"
      | "stations"
      | "spacecraft"
      | "dictionaries"
      | "spacecraftMissions"
    >
  >;

/** A running spacecraft service. */
export interface RunningSpacecraft {
  /** Its base URL: the ground's `UPLINK_SPACECRAFT_URL`. */
  readonly url: string;
  /** What the spacecraft did, and how its downlink stands. */
  stats(): SpacecraftServiceStats;
  /** Stops taking commands, gives queued frames up to `graceMs` (default 5 s) to reach the ground, and closes. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpacecraftServiceStats extends SpacecraftStats {
  /** Frames the ground has taken. */
  readonly delivered: number;
  /** Frames waiting for the ground. */
  readonly pending: number;
}

const MAX_BODY_BYTES = 64 * 1024;

const commandBody = z.strictObject({
  id: z.string().min(1).max(128),
  spacecraftId: z.string().regex(SPACECRAFT_ID_PATTERN),
  name: z.string().min(1).max(64),
  args: z.record(z.string(), z.unknown()),
});

/**
 * The simulated spacecraft as its own HTTP service (`uplink spacecraft`, SPEC §3): it takes
 * commands at `POST /commands` as `{id, spacecraftId, name, args}` (202; each id executes at
 * most once, across restarts too: the id is on disk before the command runs or is answered,
 * see {@link ExecutedLog}; a retransmission is answered 202 again and not run), and POSTs its
 * verification reports as frames to the ground's downlink endpoint, retrying until a 2xx.
 * Frame numbers survive restarts (see {@link SequenceBlocks}). Both files live in `dataDir`.
 * Every `UPLINK_HK_INTERVAL_MS` it sends housekeeping for `sc-1`, the `UPLINK_SPACECRAFT` ids
 * and every spacecraft a command came for, while `UPLINK_CONTACTS` says they are in contact.
 * A spacecraft rejects (acceptance `success: false`) a command its mission's dictionary does not
 * know (see {@link onboardDictionaries}).
 * `GET /stats` tells what it did; `GET /healthz` answers 200.
 *
 * @example
 * const spacecraft = await startSpacecraftService({ ...config, port: 9100, downlinkUrl: "http://127.0.0.1:8080/api/downlink" }, logger);
 * // the ground runs with UPLINK_SPACECRAFT_URL=spacecraft.url
 * await spacecraft.stop();
 */
export async function startSpacecraftService(
  config: SpacecraftServiceConfig,
  logger: Logger,
): Promise<RunningSpacecraft> {
  const clock = new SystemClock();
  const poster = new DownlinkPoster({
    url: config.downlinkUrl,
    token: config.downlinkToken ?? null,
    clock,
    onRetry: (reason, frames, waitMs) =>
      logger.warn(
        { reason, frames, waitMs },
        `downlink: ground refused ${frames} frames (${reason}); retrying in ${waitMs} ms`,
      ),
  });
  const seqs = new SequenceBlocks(join(config.dataDir, "spacecraft-seq.json"));
  const executed = new ExecutedLog(join(config.dataDir, "spacecraft-executed.log"));
  // Retransmissions of commands taken before this process started (the simulator counts its own).
  let retransmitted = 0;
  // Housekeeping for the default spacecraft, the configured ones and every one a command came
  // for, in contact by the process-wide plan (this process does not read the ground's fleet).
  const housekept = new Set([DEFAULT_SPACECRAFT_ID, ...(config.spacecraft ?? DEFAULTS.spacecraft)]);
  const plan = contactPlanFromSpec(config.contacts ?? DEFAULTS.contacts, {
    stations: config.stations ?? undefined,
  });
  const spacecraft = new SimulatedSpacecraft(
    clock,
    createRandom(config.seed),
    (frame) => poster.post({ ...frame, seq: seqs.next(frame.spacecraftId) }),
    {
      ackDelayMaxMs: config.ackDelayMaxMs,
      execDelayMaxMs: config.execDelayMaxMs,
      failureRate: config.failureRate,
      knownCommands: onboardDictionaries(
        config.dictionaries ?? DEFAULTS.dictionaries,
        config.spacecraftMissions ?? DEFAULTS.spacecraftMissions,
      ),
      // Absent (an embedding that does not ask for it): no housekeeping.
      telemetryIntervalMs: config.hkIntervalMs ?? 0,
      safeModeMeanMs: config.safeModeMeanMs ?? DEFAULTS.safeModeMeanMs,
      inContact: (id, at) => isInContact(plan, id, at),
    },
    (event) => logger.debug({ event }, `spacecraft: ${event.kind} ${event.commandId}`),
    (change) =>
      logger.info(
        { spacecraftId: change.spacecraftId, mode: change.mode, commandId: change.commandId },
        `spacecraft ${change.spacecraftId}: ${change.mode === "SAFE" ? "fell into safe mode" : "left safe mode"}`,
      ),
  );
  spacecraft.startTelemetry(() => [...housekept]);

  const router = new Router();
  router.post("/commands", async (ctx) => {
    const parsed = commandBody.safeParse(await readJsonBody(ctx, MAX_BODY_BYTES));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue?.path.join(".") || (issue?.code === "unrecognized_keys" ? issue.keys.join(",") : "body");
      throw RequestValidationError.of(field, issue?.message ?? "is invalid", issue?.code ?? "invalid");
    }
    const command = parsed.data;
    if (executed.has(command.id) && !spacecraft.hasReceived(command.id)) {
      retransmitted++;
      ctx.status = 202;
      ctx.body = { accepted: true };
      return;
    }
    // On disk before the command can run or be acknowledged: a restart never runs it again.
    executed.record(command.id);
    housekept.add(command.spacecraftId);
    const result = spacecraft.receive(command);
    ctx.status = result.ok ? 202 : 409;
    ctx.body = result.ok ? { accepted: true } : { accepted: false, reason: result.reason };
  });
  const stats = (): SpacecraftServiceStats => {
    const own = spacecraft.stats();
    return {
      ...own,
      duplicates: own.duplicates + retransmitted,
      delivered: poster.delivered,
      pending: poster.pending,
    };
  };
  router.get("/stats", (ctx) => {
    ctx.body = stats();
  });
  router.get("/healthz", (ctx) => {
    ctx.body = { ok: true };
  });

  const app = new Koa();
  app.silent = true;
  app.use(problemMiddleware(logger, 1));
  app.use(router.routes());
  app.use(router.allowedMethods());

  const http = await startHttp(app.callback(), config.port, config.host);
  const url = http.url;
  logger.info(
    { url, downlink: config.downlinkUrl },
    `spacecraft listening on ${url}, downlink to ${config.downlinkUrl}`,
  );

  let stopping: Promise<void> | null = null;
  return {
    url,
    stats,
    stop(graceMs = 5_000) {
      stopping ??= (async () => {
        http.stopAccepting();
        spacecraft.stop();
        await Promise.race([poster.flush(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
        await poster.stop();
        await http.drain(1_000);
        executed.close();
        if (poster.pending > 0)
          logger.warn({ frames: poster.pending }, `spacecraft: ${poster.pending} frames not delivered`);
      })();
      return stopping;
    },
  };
}
