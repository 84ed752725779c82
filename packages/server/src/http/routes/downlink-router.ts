import Router from "@koa/router";
import { type Clock, parseFrames } from "@uplink/core";
import type { DownlinkReceiver } from "../http-deps.js";
import { readJsonBody } from "../read-json-body.js";

/** What the downlink route needs. */
export interface DownlinkRouterDeps {
  readonly downlink: DownlinkReceiver;
  readonly clock: Clock;
  readonly maxBodyBytes: number;
}

/**
 * `POST /api/downlink`: one frame or an array of frames (SPEC §3), checked by core's
 * `parseFrames` (a frame without `time` takes the arrival time). 202 once stored, duplicates and
 * stale frames included; 400 naming the field (`seq`, `[2].type`) otherwise.
 */
export function downlinkRouter({ downlink, clock, maxBodyBytes }: DownlinkRouterDeps): Router {
  const router = new Router();

  router.post("/api/downlink", async (ctx) => {
    const frames = parseFrames(await readJsonBody(ctx, maxBodyBytes), clock.now());
    const receipt = await downlink.receive(frames);
    ctx.status = 202;
    ctx.body = {
      received: receipt.received,
      accepted: receipt.accepted,
      duplicates: receipt.duplicates,
      conflicts: receipt.conflicts,
    };
  });

  return router;
}
