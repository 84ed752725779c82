import type { Context } from "koa";

/**
 * Who made this request, for history entries, `submittedBy` and the audit log. The
 * authentication middleware (SPEC §10) puts the signed-in user's name in `ctx.state.actor`;
 * until a request has passed it, the actor is `anonymous`.
 */
export function actorOf(ctx: Context): string {
  const actor: unknown = ctx.state["actor"];
  return typeof actor === "string" && actor !== "" ? actor : "anonymous";
}
