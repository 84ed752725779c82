import type { Context } from "koa";
import type { OpenedSession } from "../../auth/user-accounts.js";

/** The console's session cookie. */
export const SESSION_COOKIE = "uplink_session";

/**
 * Sets the session cookie: `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's
 * page sends it), `Path=/`, `Secure` when the request came over HTTPS, ending with the session.
 */
export function setSessionCookie(ctx: Context, session: OpenedSession, now: number): void {
  ctx.cookies.set(SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: ctx.secure,
    maxAge: Math.max(0, session.expiresAt - now),
    overwrite: true,
  });
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(ctx: Context): void {
  ctx.cookies.set(SESSION_COOKIE, "", {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: ctx.secure,
    maxAge: 0,
    overwrite: true,
  });
}

/** The session id the request's cookie carries, or null. */
export function sessionIdOf(ctx: Context): string | null {
  const id = ctx.cookies.get(SESSION_COOKIE);
  return id === undefined || id === "" ? null : id;
}
