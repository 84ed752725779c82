import Router, { type RouterContext } from "@koa/router";
import { type Clock, type ContactPlan, expectedPass, type TelecommandService } from "@uplink/core";
import type { Middleware } from "koa";
import { actorOf } from "../actor.js";
import { exportBody } from "../export/telecommand-export.js";
import { readJsonBody } from "../read-json-body.js";
import { parseWith } from "../schemas/parse-with.js";
import {
  commandIdSchema,
  commentBodySchema,
  exportQuerySchema,
  idempotencyKeySchema,
  listQuerySchema,
  rejectBodySchema,
  submitBodySchema,
  submitQuerySchema,
  toSubmitRequest,
} from "../schemas/telecommand-schemas.js";
import type { SubmissionRejections } from "../submission-rejections.js";
import { toWireContactWindow, toWireHistoryEntry, toWireTelecommand } from "../wire/telecommand-wire.js";
import type { DryRunWire } from "../wire/wire-schemas.js";

/** What the telecommand routes need. */
export interface TelecommandsRouterDeps {
  readonly telecommands: TelecommandService;
  readonly rejections: SubmissionRejections;
  readonly maxBodyBytes: number;
  /** The plan a dry run reads its expected pass from. */
  readonly contactPlan: ContactPlan;
  readonly clock: Clock;
}

/**
 * `/api/telecommands`: submit (with `Idempotency-Key`), list, get, cancel, history (SPEC §5);
 * approve, reject and comments (SPEC §10).
 * Each handler parses, calls the service, and sets status and body; errors go to the problem
 * middleware.
 */
export function telecommandsRouter({
  telecommands,
  rejections,
  maxBodyBytes,
  contactPlan,
  clock,
}: TelecommandsRouterDeps): Router {
  const router = new Router({ prefix: "/api/telecommands" });
  const listQuery = listQuerySchema(telecommands.lifecycle.statuses);
  const exportQuery = exportQuerySchema(telecommands.lifecycle.statuses);

  // `?dryRun=true` (SPEC §10): every check of a submission, nothing stored, sent or counted.
  const dryRun: Middleware = async (ctx, next) => {
    const { dryRun: dry } = parseWith(submitQuerySchema, ctx.query, "query");
    if (dry !== "true") return next();
    const body = parseWith(submitBodySchema, await readJsonBody(ctx, maxBodyBytes));
    const preview = await telecommands.dryRun(toSubmitRequest(body), actorOf(ctx));
    const pass = expectedPass(
      contactPlan,
      preview.spacecraftId,
      clock.now(),
      preview.notBefore,
      preview.notAfter,
    );
    const answer: DryRunWire = {
      valid: true,
      status: preview.status,
      expectedPass: pass === null ? null : toWireContactWindow(pass),
    };
    ctx.body = answer;
  };

  router.post("/", dryRun, rejections.counting, async (ctx) => {
    const key = parseWith(idempotencyKeySchema, ctx.get("Idempotency-Key") || undefined, "Idempotency-Key");
    const body = parseWith(submitBodySchema, await readJsonBody(ctx, maxBodyBytes));
    const { command, created } = await telecommands.submit(toSubmitRequest(body), key, actorOf(ctx));
    ctx.status = created ? 201 : 200;
    ctx.set("Location", `/api/telecommands/${command.id}`);
    ctx.body = toWireTelecommand(command);
  });

  router.get("/", async (ctx) => {
    const query = parseWith(listQuery, ctx.query, "query");
    const page = await telecommands.list(query);
    ctx.body = { items: page.items.map(toWireTelecommand), nextCursor: page.nextCursor };
  });

  // Before `/:id`, which would take `export` for an id.
  router.get("/export", async (ctx) => {
    const query = parseWith(exportQuery, ctx.query, "query");
    // The first chunk is read before the status goes out, so that a storage outage is a 503.
    const body = await exportBody(telecommands, query.format, {
      status: query.status,
      spacecraftId: query.spacecraftId,
      from: query.from === undefined ? undefined : Date.parse(query.from),
      to: query.to === undefined ? undefined : Date.parse(query.to),
    });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    ctx.status = 200;
    ctx.type = query.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson";
    ctx.set("Content-Disposition", `attachment; filename="telecommands-${stamp}.${query.format}"`);
    ctx.set("Cache-Control", "no-store");
    ctx.body = body;
  });

  router.get("/:id", async (ctx) => {
    const id = parseWith(commandIdSchema, ctx.params.id, "id");
    ctx.body = toWireTelecommand(await telecommands.get(id));
  });

  // Cancel, approve, hold and release take nothing but the actor and answer the command as it now is.
  const commandAction =
    (action: "cancel" | "approve" | "hold" | "release") =>
    async (ctx: RouterContext): Promise<void> => {
      const id = parseWith(commandIdSchema, ctx.params.id, "id");
      ctx.body = toWireTelecommand(await telecommands[action](id, actorOf(ctx)));
    };

  router.post("/:id/cancel", commandAction("cancel"));
  router.post("/:id/approve", commandAction("approve"));

  router.post("/:id/reject", async (ctx) => {
    const id = parseWith(commandIdSchema, ctx.params.id, "id");
    const body = parseWith(rejectBodySchema, await readJsonBody(ctx, maxBodyBytes));
    ctx.body = toWireTelecommand(await telecommands.reject(id, body.reason, actorOf(ctx)));
  });

  router.post("/:id/hold", commandAction("hold"));
  router.post("/:id/release", commandAction("release"));

  router.post("/:id/comments", async (ctx) => {
    const id = parseWith(commandIdSchema, ctx.params.id, "id");
    const body = parseWith(commentBodySchema, await readJsonBody(ctx, maxBodyBytes));
    ctx.status = 201;
    ctx.body = toWireHistoryEntry(await telecommands.comment(id, body.text, actorOf(ctx)));
  });

  router.get("/:id/history", async (ctx) => {
    const id = parseWith(commandIdSchema, ctx.params.id, "id");
    const entries = await telecommands.history(id);
    ctx.body = { items: entries.map(toWireHistoryEntry) };
  });

  return router;
}
