import { Readable } from "node:stream";
import Router from "@koa/router";
import type { TelecommandService } from "@uplink/core";
import { exportLines } from "../export/telecommand-export.js";
import { readJsonBody } from "../read-json-body.js";
import { parseWith } from "../schemas/parse-with.js";
import {
  commandIdSchema,
  exportQuerySchema,
  idempotencyKeySchema,
  listQuerySchema,
  submitBodySchema,
  toSubmitRequest,
} from "../schemas/telecommand-schemas.js";
import type { SubmissionRejections } from "../submission-rejections.js";
import { toWireHistoryEntry, toWireTelecommand } from "../wire/telecommand-wire.js";

/** What the telecommand routes need. */
export interface TelecommandsRouterDeps {
  readonly telecommands: TelecommandService;
  readonly rejections: SubmissionRejections;
  readonly maxBodyBytes: number;
}

/**
 * `/api/telecommands`: submit (with `Idempotency-Key`), list, get, cancel, history (SPEC §5).
 * Each handler parses, calls the service, and sets status and body; errors go to the problem
 * middleware.
 */
export function telecommandsRouter({
  telecommands,
  rejections,
  maxBodyBytes,
}: TelecommandsRouterDeps): Router {
  const router = new Router({ prefix: "/api/telecommands" });
  const listQuery = listQuerySchema(telecommands.lifecycle.statuses);
  const exportQuery = exportQuerySchema(telecommands.lifecycle.statuses);

  router.post("/", rejections.counting, async (ctx) => {
    const key = parseWith(idempotencyKeySchema, ctx.get("Idempotency-Key") || undefined, "Idempotency-Key");
    const body = parseWith(submitBodySchema, await readJsonBody(ctx, maxBodyBytes));
    const { command, created } = await telecommands.submit(toSubmitRequest(body), key);
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
    const lines = exportLines(telecommands, query.format, {
      status: query.status,
      spacecraftId: query.spacecraftId,
      from: query.from === undefined ? undefined : Date.parse(query.from),
      to: query.to === undefined ? undefined : Date.parse(query.to),
    });
    // The first page is read before the status goes out, so that a storage outage is a 503.
    const first = await lines.next();
    const body = Readable.from(
      (async function* () {
        if (!first.done) yield first.value;
        yield* lines;
      })(),
    );
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

  router.post("/:id/cancel", async (ctx) => {
    const id = parseWith(commandIdSchema, ctx.params.id, "id");
    ctx.body = toWireTelecommand(await telecommands.cancel(id));
  });

  router.get("/:id/history", async (ctx) => {
    const id = parseWith(commandIdSchema, ctx.params.id, "id");
    const entries = await telecommands.history(id);
    ctx.body = { items: entries.map(toWireHistoryEntry) };
  });

  return router;
}
