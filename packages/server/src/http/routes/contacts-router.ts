import Router from "@koa/router";
import { type Clock, type ContactPlan, SPACECRAFT_ID_PATTERN } from "@uplink/core";
import { z } from "zod";
import { parseWith } from "../schemas/parse-with.js";
import { upcomingContacts } from "../views/upcoming-contacts.js";

/** What the contacts route needs. */
export interface ContactsRouterDeps {
  readonly contactPlan: ContactPlan;
  readonly clock: Clock;
  knownSpacecraft(): Promise<readonly string[]>;
}

/** The query of `GET /api/contacts`. */
export const contactsQuerySchema = z.strictObject({
  spacecraftId: z
    .string()
    .regex(SPACECRAFT_ID_PATTERN)
    .optional()
    .meta({ description: "Only this spacecraft (known or not)" }),
  count: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(5)
    .meta({ description: "Windows per spacecraft, 1 to 50" }),
});

/** `GET /api/contacts`: each spacecraft's current and next contact windows. */
export function contactsRouter({ contactPlan, clock, knownSpacecraft }: ContactsRouterDeps): Router {
  const router = new Router();

  router.get("/api/contacts", async (ctx) => {
    const query = parseWith(contactsQuerySchema, ctx.query, "query");
    const ids = query.spacecraftId ? [query.spacecraftId] : await knownSpacecraft();
    ctx.body = upcomingContacts(contactPlan, ids, clock.now(), query.count);
  });

  return router;
}
