import { type AuditLog, type Clock, mayPerform, type User } from "@uplink/core";
import type { Context, Middleware } from "koa";
import type { Logger } from "pino";
import { CrossOriginError, ForbiddenError, UnauthenticatedError } from "../../auth/account-errors.js";
import type { UserAccounts } from "../../auth/user-accounts.js";
import { actorOf } from "../actor.js";
import { type Access, isApiPath, ROUTE_ACCESS } from "./route-access.js";
import { type MatchedRoute, routeMatcher } from "./route-matcher.js";
import { sessionIdOf } from "./session-cookie.js";

/** What the access middleware needs. */
export interface AccessDeps {
  readonly accounts: UserAccounts;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;

/**
 * Authentication and authorization of SPEC §10 in one Koa middleware, driven by the route
 * table (`route-access.ts`): it finds the request's entry, reads its credentials (a bearer
 * token, else the console's session cookie), refuses them (401), refuses a role the entry's
 * permission does not allow (403), and refuses a change from another origin (403, the CSRF
 * defence) — all before any route runs, so a refused request writes nothing. It puts the
 * user's name in `ctx.state.actor` and role in `ctx.state.role`, and after a change the table
 * audits has succeeded, appends it to the audit log.
 */
export function accessMiddleware(deps: AccessDeps): Middleware {
  const match = routeMatcher(ROUTE_ACCESS);
  return async (ctx, next) => {
    const matched = match(ctx.method, ctx.path);
    const access: Access = matched?.route.access ?? (isApiPath(ctx.path) ? "signed-in" : "public");
    const unsafe = !SAFE_METHODS.has(ctx.method);
    if (unsafe) refuseForeignOrigin(ctx);
    if (access !== "public") {
      const { user, byCookie } = await authenticate(ctx, deps.accounts);
      if (byCookie && unsafe) requireOwnOrigin(ctx);
      if (access !== "signed-in" && !mayPerform(user.role, access))
        throw new ForbiddenError(user.role, access);
      ctx.state.actor = user.name;
      ctx.state.role = user.role;
    }
    await next();
    if (matched?.route.audit !== undefined && ctx.status >= 200 && ctx.status < 300) {
      await recordAudit(ctx, matched, deps);
    }
  };
}

async function authenticate(
  ctx: Context,
  accounts: UserAccounts,
): Promise<{ user: User; byCookie: boolean }> {
  const header = ctx.get("Authorization");
  if (header !== "") {
    const token = BEARER.exec(header)?.[1];
    const user = token === undefined ? null : await accounts.authenticateToken(token);
    if (user === null) throw new UnauthenticatedError("invalid");
    return { user, byCookie: false };
  }
  const sessionId = sessionIdOf(ctx);
  if (sessionId === null) throw new UnauthenticatedError("missing");
  const user = await accounts.resumeSession(sessionId);
  if (user === null) throw new UnauthenticatedError("invalid");
  return { user, byCookie: true };
}

function ownOrigin(ctx: Context): string {
  return `${ctx.protocol}://${ctx.host}`;
}

/** A change whose `Origin` names another site is refused whatever it carries. */
function refuseForeignOrigin(ctx: Context): void {
  const origin = ctx.get("Origin");
  if (origin !== "" && origin !== ownOrigin(ctx)) throw new CrossOriginError(origin);
}

/**
 * A change made with the cookie must show that it comes from the console's own pages: an
 * `Origin` equal to ours (checked above) or, from browsers that omit it, `Sec-Fetch-Site:
 * same-origin`. Browsers send one of them on every such request; a forged one can send neither.
 */
function requireOwnOrigin(ctx: Context): void {
  if (ctx.get("Origin") !== "") return;
  if (ctx.get("Sec-Fetch-Site") === "same-origin") return;
  throw new CrossOriginError(null);
}

async function recordAudit(ctx: Context, matched: MatchedRoute, deps: AccessDeps): Promise<void> {
  const body = ctx.body as { id?: unknown; name?: unknown } | null | undefined;
  const fromBody = typeof body?.id === "string" ? body.id : typeof body?.name === "string" ? body.name : null;
  const target = Object.values(matched.params)[0] ?? fromBody;
  const entry = {
    at: deps.clock.now(),
    actor: actorOf(ctx),
    action: matched.route.audit as string,
    target,
  };
  try {
    await deps.audit.record(entry);
  } catch (error) {
    // The change is made and answered; a missing audit line is logged rather than turned into a 5xx.
    deps.logger?.error({ err: error, audit: entry }, "audit: could not record a change");
  }
}
