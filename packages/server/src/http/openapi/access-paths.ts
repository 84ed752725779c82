import { PERMISSIONS, USER_ROLES } from "@uplink/core";
import { z } from "zod";
import { addUserBodySchema, auditQuerySchema, signInBodySchema } from "../schemas/access-schemas.js";
import { type Json, queryParameters } from "./openapi-parts.js";

const problem = (description: string): Json => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
const json = (schema: Json): Json => ({ "application/json": { schema } });
const input = (schema: z.ZodType): Json => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input" }) as Json;
  return rest;
};

const USER: Json = {
  type: "object",
  required: ["name", "role", "createdAt"],
  properties: {
    name: { type: "string" },
    role: { type: "string", enum: [...USER_ROLES] },
    createdAt: { type: "string", format: "date-time" },
  },
};
const SESSION: Json = {
  type: "object",
  required: ["name", "role", "permissions"],
  properties: {
    name: { type: "string" },
    role: { type: "string", enum: [...USER_ROLES] },
    permissions: {
      type: "array",
      items: { type: "string", enum: Object.keys(PERMISSIONS) },
      description: "What the role may do (SPEC §10): the console offers only these actions",
    },
    expiresAt: { type: "string", format: "date-time" },
  },
};
const AUDIT_PAGE: Json = {
  type: "object",
  properties: {
    items: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: "integer" },
          at: { type: "string", format: "date-time" },
          actor: { type: "string" },
          action: { type: "string", description: "user.add, user.revoke, spacecraft.register, …" },
          target: { type: ["string", "null"] },
        },
      },
    },
    nextCursor: { type: ["string", "null"] },
  },
};
const UNAUTHORIZED = problem("Missing, malformed, unknown or revoked credentials (with WWW-Authenticate)");
const FORBIDDEN = problem(
  "The user's role may not do this, or a cookie-borne change came from another origin",
);
const BAD = problem("Invalid input: the problem's `field` names it");

/** How requests authenticate (SPEC §10): a bearer token, or the console's session cookie. */
export const SECURITY_SCHEMES: Json = {
  bearer: {
    type: "http",
    scheme: "bearer",
    description: "A user's token (`uplink users add`, `POST /api/users`)",
  },
  session: {
    type: "apiKey",
    in: "cookie",
    name: "uplink_session",
    description: "Set by `POST /api/session`",
  },
};

/** Routes open without credentials (SPEC §10): `security: []` on them. */
export const PUBLIC_PATHS: readonly string[] = ["/healthz", "/readyz", "/metrics", "/openapi.json", "/"];

/** The OpenAPI paths of the sign-in, users and audit routes. */
export function accessPaths(): Json {
  return {
    "/api/session": {
      post: {
        operationId: "signIn",
        summary: "Sign in with a name and a password (or the user's token); sets the session cookie",
        security: [],
        requestBody: { required: true, content: json(input(signInBodySchema)) },
        responses: {
          200: {
            description: "Signed in; `Set-Cookie: uplink_session` (HttpOnly, SameSite=Strict)",
            content: json(SESSION),
          },
          400: BAD,
          401: UNAUTHORIZED,
          429: problem("Too many failed sign-ins: retry after `Retry-After` seconds"),
        },
      },
      get: {
        operationId: "whoAmI",
        summary: "The signed-in user",
        responses: {
          200: { description: "Who and with which role", content: json(SESSION) },
          401: UNAUTHORIZED,
        },
      },
      delete: {
        operationId: "signOut",
        summary: "Sign out: ends the session and clears the cookie",
        security: [],
        responses: { 204: { description: "Signed out" } },
      },
    },
    "/api/users": {
      post: {
        operationId: "addUser",
        summary: "Make a user (admins); its token is answered this once",
        requestBody: { required: true, content: json(input(addUserBodySchema)) },
        responses: {
          201: {
            description: "Made",
            content: json({
              ...USER,
              properties: { ...(USER.properties as Json), token: { type: "string" } },
            }),
          },
          400: BAD,
          401: UNAUTHORIZED,
          403: FORBIDDEN,
          409: problem("A user of that name exists"),
        },
      },
      get: {
        operationId: "listUsers",
        summary: "The users, by name, without secrets (admins)",
        responses: {
          200: {
            description: "Users",
            content: json({ type: "object", properties: { items: { type: "array", items: USER } } }),
          },
          401: UNAUTHORIZED,
          403: FORBIDDEN,
        },
      },
    },
    "/api/users/{name}": {
      delete: {
        operationId: "revokeUser",
        summary: "Revoke a user: its token and sessions stop working (admins)",
        parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          204: { description: "Revoked" },
          401: UNAUTHORIZED,
          403: FORBIDDEN,
          404: problem("No such user"),
        },
      },
    },
    "/api/audit": {
      get: {
        operationId: "audit",
        summary:
          "Who changed users, spacecraft, dictionaries, inhibits and queue states, newest first (admins)",
        parameters: queryParameters(auditQuerySchema),
        responses: {
          200: { description: "A page of the audit log", content: json(AUDIT_PAGE) },
          400: BAD,
          401: UNAUTHORIZED,
          403: FORBIDDEN,
        },
      },
    },
  };
}
