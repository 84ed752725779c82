import type { Context } from "koa";
import type { OpenedSession } from "../../auth/user-accounts.js";

/** The console's session cookie. */
export const SESSION_COOKIE = "uplink_session";

/**
 * Sets the session cookie: `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's
 * page sends it), `Path=/`, `Secure` when the request came over HTTPS, ending with the session.
 */
export function setSessionCookie(ctx: Context, session: OpenedSession, now: number): void {
  writeCookie(ctx, session.id, Math.max(0, session.expiresAt - now));
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(ctx: Context): void {
  writeCookie(ctx, "", 0);
}

function writeCookie(ctx: Context, value: string, maxAge: number): void {
  ctx.cookies.set(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: ctx.secure,
    maxAge,
    overwrite: true,
  });
}

/** The session id the request's cookie carries, or null. */
export function sessionIdOf(ctx: Context): string | null {
  const id = ctx.cookies.get(SESSION_COOKIE);
  return id === undefined || id === "" ? null : id;
}
