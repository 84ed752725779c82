import Router from "@koa/router";
import { type Clock, permissionsOf, type UserRole } from "@uplink/core";
import { SignInThrottledError, UnauthenticatedError } from "../../auth/account-errors.js";
import type { SignInThrottle } from "../../auth/sign-in-throttle.js";
import type { UserAccounts } from "../../auth/user-accounts.js";
import { clearSessionCookie, sessionIdOf, setSessionCookie } from "../access/session-cookie.js";
import { readJsonBody } from "../read-json-body.js";
import { signInBodySchema } from "../schemas/access-schemas.js";
import { parseWith } from "../schemas/parse-with.js";

/** What the session routes need. */
export interface SessionRouterDeps {
  readonly accounts: UserAccounts;
  readonly throttle: SignInThrottle;
  readonly clock: Clock;
  readonly maxBodyBytes: number;
}

/**
 * `/api/session`, the console's sign-in (SPEC §10): `POST {name, password}` (the password, or
 * the user's token) sets the session cookie and answers `{name, role, permissions, expiresAt}`, a wrong one
 * 401 and, after repeated failures, 429; `GET` answers who is signed in; `DELETE` signs out.
 */
export function sessionRouter({ accounts, throttle, clock, maxBodyBytes }: SessionRouterDeps): Router {
  const router = new Router({ prefix: "/api/session" });

  router.post("/", async (ctx) => {
    const { name, password } = parseWith(signInBodySchema, await readJsonBody(ctx, maxBodyBytes));
    const wait = throttle.waitSeconds(name, ctx.ip);
    if (wait > 0) throw new SignInThrottledError(wait);
    const user = await accounts.signIn(name, password);
    if (user === null) {
      throttle.failed(name, ctx.ip);
      throw new UnauthenticatedError("invalid");
    }
    throttle.succeeded(name, ctx.ip);
    const session = await accounts.openSession(user);
    setSessionCookie(ctx, session, clock.now());
    ctx.body = {
      name: user.name,
      role: user.role,
      permissions: permissionsOf(user.role),
      expiresAt: new Date(session.expiresAt).toISOString(),
    };
  });

  router.get("/", (ctx) => {
    const role: UserRole = ctx.state.role;
    ctx.body = { name: ctx.state.actor, role, permissions: permissionsOf(role) };
  });

  router.delete("/", async (ctx) => {
    const id = sessionIdOf(ctx);
    if (id !== null) await accounts.closeSession(id);
    clearSessionCookie(ctx);
    ctx.status = 204;
  });

  return router;
}
