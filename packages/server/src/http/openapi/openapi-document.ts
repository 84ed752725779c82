import { z } from "zod";
import { ROUTE_ACCESS } from "../access/route-access.js";
import { contactsQuerySchema } from "../routes/contacts-router.js";
import { eventsQuerySchema } from "../routes/events-router.js";
import { fleetQuerySchema, missionQuerySchema } from "../routes/spacecraft-router.js";
import { telemetryQuerySchema } from "../routes/telemetry-router.js";
import { downlinkBodySchema, downlinkFrameSchema, gapListQuerySchema } from "../schemas/downlink-schemas.js";
import {
  commentBodySchema,
  exportQuerySchema,
  idempotencyKeySchema,
  listQuerySchema,
  rejectBodySchema,
  submitBodySchema,
  submitQuerySchema,
} from "../schemas/telecommand-schemas.js";
import {
  dictionaryDocumentSchema,
  dictionaryWireSchema,
  inhibitsBodySchema,
  inhibitsWireSchema,
} from "../wire/dictionary-wire.js";
import {
  fleetWireSchema,
  missionsWireSchema,
  queueStateBodySchema,
  spacecraftWireSchema,
} from "../wire/spacecraft-wire.js";
import {
  contactsWireSchema,
  downlinkAcceptedSchema,
  dryRunWireSchema,
  gapPageSchema,
  historyEntryWireSchema,
  historySchema,
  problemSchema,
  readinessWireSchema,
  statsWireSchema,
  telecommandPageSchema,
  telecommandWireSchema,
  transitionEventWireSchema,
} from "../wire/wire-schemas.js";
import { accessPaths, PUBLIC_PATHS, SECURITY_SCHEMES } from "./access-paths.js";
import { header, type Json, queryParameters, tidy } from "./openapi-parts.js";

const ref = (id: string): Json => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: Json): Json => ({ "application/json": { schema } });
const problem = (description: string): Json => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
});
const ok = (description: string, id: string): Json => ({ description, content: json(ref(id)) });

const BAD = problem("Invalid input: the problem's `field` names it");
const UNAVAILABLE = problem("Storage unavailable; retry after `Retry-After` seconds");
const NOT_FOUND = problem("No telecommand with that id");
const SPACECRAFT_NOT_FOUND = problem("No spacecraft registered with that id");
const SPACECRAFT_ID_PARAM: Json = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$" },
};
const SPACECRAFT_BODY: Json = {
  type: "object",
  additionalProperties: false,
  properties: {
    id: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$" },
    name: { type: "string", minLength: 1, maxLength: 100 },
    mission: { type: ["string", "null"], maxLength: 100 },
    contacts: { type: ["string", "null"], description: "A contact plan in the UPLINK_CONTACTS syntax" },
    uplinkUrl: { type: ["string", "null"], format: "uri" },
    uplinkRateBps: { type: ["integer", "null"], minimum: 1 },
  },
};
const MISSION_PARAM: Json = { name: "mission", in: "path", required: true, schema: { type: "string" } };
const ID_PARAM: Json = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
  description: "The command's UUIDv7; anything else is a 400",
};

/**
 * The OpenAPI 3.1 document of every route (SPEC §5), generated from the same zod schemas that
 * validate requests and shape responses, so the document cannot drift from the code.
 *
 * @example
 * ctx.body = openApiDocument(service.lifecycle.statuses);
 */
export function openApiDocument(statuses: readonly string[]): Json {
  const output = z.registry<{ id: string }>();
  const components: Array<[string, z.ZodType]> = [
    ["Telecommand", telecommandWireSchema],
    ["TelecommandPage", telecommandPageSchema],
    ["HistoryEntry", historyEntryWireSchema],
    ["History", historySchema],
    ["TransitionEvent", transitionEventWireSchema],
    ["Problem", problemSchema],
    ["Contacts", contactsWireSchema],
    ["Stats", statsWireSchema],
    ["Readiness", readinessWireSchema],
    ["DownlinkAccepted", downlinkAcceptedSchema],
    ["GapPage", gapPageSchema],
    ["Spacecraft", spacecraftWireSchema],
    ["Fleet", fleetWireSchema],
    ["Missions", missionsWireSchema],
    ["Dictionary", dictionaryWireSchema],
    ["Inhibits", inhibitsWireSchema],
    ["DryRun", dryRunWireSchema],
  ];
  for (const [id, schema] of components) output.add(schema, { id });
  const uri = (id: string) => `#/components/schemas/${id}`;
  const schemas: Json = { ...(z.toJSONSchema(output, { uri }).schemas as Json) };
  const input = z.registry<{ id: string }>();
  input.add(submitBodySchema, { id: "SubmitTelecommand" });
  input.add(downlinkFrameSchema, { id: "DownlinkFrame" });
  input.add(downlinkBodySchema, { id: "DownlinkBody" });
  input.add(dictionaryDocumentSchema, { id: "DictionaryDocument" });
  input.add(inhibitsBodySchema, { id: "InhibitsBody" });
  input.add(rejectBodySchema, { id: "RejectBody" });
  input.add(commentBodySchema, { id: "CommentBody" });
  input.add(queueStateBodySchema, { id: "QueueStateBody" });
  Object.assign(schemas, z.toJSONSchema(input, { uri, io: "input" }).schemas as Json);

  const paths: Json = {
    "/api/telecommands": {
      post: {
        operationId: "submitTelecommand",
        summary: "Submit a telecommand",
        parameters: [header("Idempotency-Key", idempotencyKeySchema), ...queryParameters(submitQuerySchema)],
        requestBody: { required: true, content: json(ref("SubmitTelecommand")) },
        responses: {
          201: ok("Stored and queued", "Telecommand"),
          200: {
            description:
              "The same Idempotency-Key and body again: the command stored the first time. With `dryRun=true`: " +
              "what the submission would do (`DryRun`), nothing stored or sent; a refusal gets the same 4xx",
            content: json({ oneOf: [ref("Telecommand"), ref("DryRun")] }),
          },
          400: BAD,
          409: problem(
            "The Idempotency-Key was used with another body, or `queue_closed`: the spacecraft's queue is closed",
          ),
          415: problem("The body is not application/json"),
          422: problem(
            "Refused by the fleet or the spacecraft's mission dictionary or inhibits: `unknown_spacecraft`, " +
              "`unknown_command` (with `suggestions`, close names), `invalid_argument` (`field` is `args.NAME`), `inhibited`",
          ),
          503: UNAVAILABLE,
        },
      },
      get: {
        operationId: "listTelecommands",
        summary: "List telecommands, newest first",
        parameters: queryParameters(listQuerySchema(statuses)),
        responses: { 200: ok("A page", "TelecommandPage"), 400: BAD, 503: UNAVAILABLE },
      },
    },
    "/api/telecommands/export": {
      get: {
        operationId: "exportTelecommands",
        summary: "Every matching telecommand, streamed as a CSV or NDJSON attachment",
        description:
          "Newest first, read page by page (constant memory whatever the number; a slow client slows the " +
          "reads). CSV: a header of the Telecommand fields, then one row per command (`args` as JSON, absent " +
          "times empty). NDJSON: one Telecommand per line with its `history` (oldest first). `from`/`to` bound " +
          "`createdAt`, inclusive. Sent with `Content-Disposition: attachment`.",
        parameters: queryParameters(exportQuerySchema(statuses)),
        responses: {
          200: {
            description: "The export",
            headers: { "Content-Disposition": { schema: { type: "string" } } },
            content: {
              "text/csv": { schema: { type: "string" } },
              "application/x-ndjson": { schema: { type: "string" } },
            },
          },
          400: BAD,
          503: UNAVAILABLE,
        },
      },
    },
    "/api/telecommands/{id}": {
      get: {
        operationId: "getTelecommand",
        summary: "One telecommand with its current status",
        parameters: [ID_PARAM],
        responses: { 200: ok("The command", "Telecommand"), 400: BAD, 404: NOT_FOUND, 503: UNAVAILABLE },
      },
    },
    "/api/telecommands/{id}/cancel": {
      post: {
        operationId: "cancelTelecommand",
        summary: "Cancel a command that is still ready",
        parameters: [ID_PARAM],
        responses: {
          200: ok("Cancelled", "Telecommand"),
          400: BAD,
          404: NOT_FOUND,
          409: problem("Not ready any more: `currentStatus` says what it is"),
          503: UNAVAILABLE,
        },
      },
    },
    "/api/telecommands/{id}/approve": {
      post: {
        operationId: "approveTelecommand",
        summary: "Approve a command pending approval (SPEC §10): it becomes ready",
        parameters: [ID_PARAM],
        responses: {
          200: ok("Approved: now ready", "Telecommand"),
          400: BAD,
          403: problem("`self_approval`: its submitter may not approve it"),
          404: NOT_FOUND,
          409: problem("Not pending approval: `currentStatus` says what it is"),
          503: UNAVAILABLE,
        },
      },
    },
    "/api/telecommands/{id}/reject": {
      post: {
        operationId: "rejectTelecommand",
        summary: "Reject a command pending approval: it is cancelled with the reason given",
        parameters: [ID_PARAM],
        requestBody: { required: true, content: json(ref("RejectBody")) },
        responses: {
          200: ok("Rejected: now cancelled", "Telecommand"),
          400: BAD,
          404: NOT_FOUND,
          409: problem("Not pending approval: `currentStatus` says what it is"),
          503: UNAVAILABLE,
        },
      },
    },
    "/api/telecommands/{id}/hold": {
      post: {
        operationId: "holdTelecommand",
        summary: "Hold a ready command: it stays ready, `held: true`, and is not sent until released",
        parameters: [ID_PARAM],
        responses: {
          200: ok("Held (holding a held command changes nothing)", "Telecommand"),
          400: BAD,
          404: NOT_FOUND,
          409: problem("Not ready: `currentStatus` says what it is"),
          503: UNAVAILABLE,
        },
      },
    },
    "/api/telecommands/{id}/release": {
      post: {
        operationId: "releaseTelecommand",
        summary: "Release a held command: the sender may send it again",
        parameters: [ID_PARAM],
        responses: {
          200: ok("Released (releasing one not held changes nothing)", "Telecommand"),
          400: BAD,
          404: NOT_FOUND,
          409: problem("Not ready: `currentStatus` says what it is"),
          503: UNAVAILABLE,
        },
      },
    },
    "/api/telecommands/{id}/comments": {
      post: {
        operationId: "commentTelecommand",
        summary:
          "Add a comment to a command's history (an entry of kind comment; the command does not change)",
        parameters: [ID_PARAM],
        requestBody: { required: true, content: json(ref("CommentBody")) },
        responses: {
          201: ok("The comment, as its history entry", "HistoryEntry"),
          400: BAD,
          404: NOT_FOUND,
          503: UNAVAILABLE,
        },
      },
    },
    "/api/telecommands/{id}/history": {
      get: {
        operationId: "getTelecommandHistory",
        summary: "A command's transitions, oldest first",
        parameters: [ID_PARAM],
        responses: { 200: ok("The history", "History"), 400: BAD, 404: NOT_FOUND, 503: UNAVAILABLE },
      },
    },
    "/api/events": {
      get: {
        operationId: "streamEvents",
        summary: "Server-Sent Events of every transition, and of the fleet",
        description:
          "Each event is `event: telecommand`, `id:` the history entry's eventId, `data:` a TransitionEvent. " +
          "Send `Last-Event-ID` (or `?lastEventId=`) to replay what was missed before going live; events arrive " +
          "once each, in eventId order. Replayed events carry the command's current state. A `: heartbeat` " +
          "comment keeps idle connections open. The fleet's events carry no `id:` (they leave Last-Event-ID " +
          "alone) and are not replayed: every stream, fresh or resumed, opens with `event: spacecraft` " +
          '`{change: "current", spacecraft}` for each registered spacecraft, then sends `event: spacecraft` ' +
          '`{change: "registered" | "changed" | "removed" | "health", spacecraft}` (the Spacecraft object; ' +
          "only `{id}` when removed) and `event: telemetry` `{spacecraftId, parameters: {NAME: {value, time, seq}}}`: " +
          "at most one per spacecraft per second, the parameters whose latest value moved since the last one.",
        parameters: [
          {
            name: "Last-Event-ID",
            in: "header",
            required: false,
            schema: { type: "string", pattern: "^\\d{1,15}$" },
          },
          ...queryParameters(eventsQuerySchema),
        ],
        responses: {
          200: {
            description: "The stream",
            content: {
              "text/event-stream": { schema: { type: "string" }, itemSchema: ref("TransitionEvent") },
            },
          },
          400: BAD,
          503: UNAVAILABLE,
        },
      },
    },
    "/api/downlink": {
      post: {
        operationId: "receiveDownlink",
        summary: "Downlink frames from a spacecraft or gateway",
        requestBody: { required: true, content: json(ref("DownlinkBody")) },
        responses: {
          202: ok("Stored (duplicates and stale frames too)", "DownlinkAccepted"),
          400: BAD,
          415: problem("The body is not application/json"),
          503: UNAVAILABLE,
        },
      },
    },
    "/api/downlink/gaps": {
      get: {
        operationId: "listDownlinkGaps",
        summary: "Gaps skipped in the spacecraft's downlink streams, by every process, newest first",
        parameters: queryParameters(gapListQuerySchema),
        responses: { 200: ok("A page of gaps", "GapPage"), 400: BAD, 503: UNAVAILABLE },
      },
    },
    "/api/contacts": {
      get: {
        operationId: "listContacts",
        summary: "The next contact windows per spacecraft",
        parameters: queryParameters(contactsQuerySchema),
        responses: { 200: ok("Windows", "Contacts"), 400: BAD, 503: UNAVAILABLE },
      },
    },
    "/api/spacecraft": {
      post: {
        operationId: "registerSpacecraft",
        summary: "Register a spacecraft",
        requestBody: { required: true, content: json({ ...SPACECRAFT_BODY, required: ["id"] }) },
        responses: {
          201: ok("Registered", "Spacecraft"),
          400: BAD,
          409: problem("The id is registered already"),
          503: UNAVAILABLE,
        },
      },
      get: {
        operationId: "listSpacecraft",
        summary: "The fleet, sorted and filtered",
        parameters: queryParameters(fleetQuerySchema),
        responses: { 200: ok("The fleet", "Fleet"), 400: BAD, 503: UNAVAILABLE },
      },
    },
    "/api/spacecraft/{id}": {
      get: {
        operationId: "getSpacecraft",
        summary: "One spacecraft",
        parameters: [SPACECRAFT_ID_PARAM],
        responses: {
          200: ok("The spacecraft", "Spacecraft"),
          400: BAD,
          404: SPACECRAFT_NOT_FOUND,
          503: UNAVAILABLE,
        },
      },
      patch: {
        operationId: "changeSpacecraft",
        summary: "Change name, mission, contacts, uplinkUrl or uplinkRateBps",
        parameters: [SPACECRAFT_ID_PARAM],
        requestBody: {
          required: true,
          content: json({
            ...SPACECRAFT_BODY,
            properties: { ...(SPACECRAFT_BODY.properties as Json), id: undefined },
          }),
        },
        responses: {
          200: ok("Changed", "Spacecraft"),
          400: BAD,
          404: SPACECRAFT_NOT_FOUND,
          503: UNAVAILABLE,
        },
      },
      delete: {
        operationId: "removeSpacecraft",
        summary: "Remove a spacecraft that has no pending command",
        parameters: [SPACECRAFT_ID_PARAM],
        responses: {
          204: { description: "Removed" },
          404: SPACECRAFT_NOT_FOUND,
          409: problem("Some of its commands are still pending"),
          503: UNAVAILABLE,
        },
      },
    },
    "/api/spacecraft/{id}/telemetry": {
      get: {
        operationId: "getSpacecraftTelemetry",
        summary:
          "Latest value of every parameter; with name (from, to), that parameter's values, oldest first",
        parameters: [SPACECRAFT_ID_PARAM, ...queryParameters(telemetryQuerySchema)],
        responses: {
          200: {
            description: "Values: {items: [{name, value, time, seq}]}",
            content: json({
              type: "object",
              properties: {
                items: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      name: { type: "string" },
                      value: { type: ["number", "string", "boolean"] },
                      time: { type: "string", format: "date-time" },
                      seq: { type: "integer" },
                    },
                  },
                },
              },
            }),
          },
          400: BAD,
          404: SPACECRAFT_NOT_FOUND,
          503: UNAVAILABLE,
        },
      },
    },
    "/api/missions": {
      get: {
        operationId: "listMissions",
        summary: "The missions, alphabetically (case-insensitive), with their number of spacecraft",
        responses: { 200: ok("Missions", "Missions"), 503: UNAVAILABLE },
      },
    },
    "/api/missions/{mission}": {
      get: {
        operationId: "getMission",
        summary: "The spacecraft of one mission, matched case-insensitively",
        parameters: [
          { name: "mission", in: "path", required: true, schema: { type: "string" } },
          ...queryParameters(missionQuerySchema),
        ],
        responses: {
          200: ok("Its spacecraft", "Fleet"),
          400: BAD,
          404: problem("No spacecraft of that mission"),
          503: UNAVAILABLE,
        },
      },
    },
    "/api/missions/{mission}/dictionary": {
      put: {
        operationId: "putDictionary",
        summary: "Replace a mission's command dictionary, checked whole (SPEC §9)",
        parameters: [MISSION_PARAM],
        requestBody: { required: true, content: json(ref("DictionaryDocument")) },
        responses: {
          200: ok("Stored, with its version", "Dictionary"),
          400: problem(
            "Not JSON, over 1 MiB, or breaking the shape: `field` names the place " +
              "(`commands[3].args.duration.default`); the previous dictionary is kept",
          ),
          415: problem("The body is not application/json"),
          503: UNAVAILABLE,
        },
      },
      get: {
        operationId: "getDictionary",
        summary: "A mission's command dictionary, matched case-insensitively",
        parameters: [MISSION_PARAM],
        responses: {
          200: ok("The dictionary", "Dictionary"),
          400: BAD,
          404: problem("The mission has no dictionary"),
          503: UNAVAILABLE,
        },
      },
    },
    "/api/spacecraft/{id}/queue": {
      post: {
        operationId: "setQueueState",
        summary:
          "Set a spacecraft's queue: open, held (accepted, nothing sent) or closed (new submissions refused)",
        parameters: [SPACECRAFT_ID_PARAM],
        requestBody: { required: true, content: json(ref("QueueStateBody")) },
        responses: {
          200: ok("The spacecraft with its new queue state", "Spacecraft"),
          400: BAD,
          404: SPACECRAFT_NOT_FOUND,
          503: UNAVAILABLE,
        },
      },
    },
    "/api/spacecraft/{id}/inhibits": {
      put: {
        operationId: "putInhibits",
        summary: "Replace a spacecraft's inhibits (categories and command names it refuses)",
        parameters: [SPACECRAFT_ID_PARAM],
        requestBody: { required: true, content: json(ref("InhibitsBody")) },
        responses: {
          200: ok("Stored", "Inhibits"),
          400: BAD,
          404: SPACECRAFT_NOT_FOUND,
          415: problem("Not application/json"),
          503: UNAVAILABLE,
        },
      },
      get: {
        operationId: "getInhibits",
        summary: "A spacecraft's inhibits (empty by default)",
        parameters: [SPACECRAFT_ID_PARAM],
        responses: {
          200: ok("Its inhibits", "Inhibits"),
          400: BAD,
          404: SPACECRAFT_NOT_FOUND,
          503: UNAVAILABLE,
        },
      },
    },
    "/api/stats": {
      get: {
        operationId: "getStats",
        summary:
          "Counts by status, submissions, downlink duplicates and gaps, delivered and dropped commands",
        responses: { 200: ok("Counters", "Stats"), 503: UNAVAILABLE },
      },
    },
    "/healthz": {
      get: {
        operationId: "health",
        summary: "Liveness",
        responses: { 200: { description: "The process answers" } },
      },
    },
    "/readyz": {
      get: {
        operationId: "ready",
        summary: "Readiness: database reachable, migrations applied",
        responses: { 200: ok("Ready", "Readiness"), 503: ok("Not ready", "Readiness") },
      },
    },
    "/metrics": {
      get: {
        operationId: "metrics",
        summary: "Prometheus metrics",
        responses: {
          200: {
            description: "Text exposition format",
            content: { "text/plain": { schema: { type: "string" } } },
          },
        },
      },
    },
    "/openapi.json": {
      get: {
        operationId: "openapi",
        summary: "This document",
        responses: { 200: { description: "OpenAPI 3.1", content: json({ type: "object" }) } },
      },
    },
    "/": {
      get: {
        operationId: "console",
        summary: "The operator console (static files under /)",
        responses: { 200: { description: "HTML", content: { "text/html": { schema: { type: "string" } } } } },
      },
    },
  };

  Object.assign(paths, accessPaths());
  for (const path of PUBLIC_PATHS) {
    for (const operation of Object.values(paths[path] as Json)) (operation as Json).security = [];
  }
  // Who may call each operation, from the one route table the access middleware reads.
  for (const route of ROUTE_ACCESS) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const operation = (paths[path] as Json | undefined)?.[route.method.toLowerCase()] as Json | undefined;
    if (operation !== undefined) operation["x-permission"] = route.access;
  }

  return tidy({
    openapi: "3.1.1",
    info: {
      title: "Uplink",
      version: "0.1.0",
      description:
        "Telecommands: submit, follow, cancel; downlink frames in. Errors are RFC 9457 problem details. " +
        "Every route but the open ones needs a bearer token or the console's session cookie (401 without), " +
        "and a role that may use it (403 otherwise): each operation's `x-permission` names what it needs " +
        "(`public`, `signed-in`, or a permission: `read` viewer and up, `operate` operator and up, `approve` " +
        "approver and admin, `administer` admin, `downlink` downlink and admin).",
    },
    security: [{ bearer: [] }, { session: [] }],
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths,
    components: { schemas, securitySchemes: SECURITY_SCHEMES },
  }) as Json;
}
