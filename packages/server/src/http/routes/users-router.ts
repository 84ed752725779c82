import Router from "@koa/router";
import type { User } from "@uplink/core";
import type { UserAccounts } from "../../auth/user-accounts.js";
import { readJsonBody } from "../read-json-body.js";
import { addUserBodySchema } from "../schemas/access-schemas.js";
import { parseWith } from "../schemas/parse-with.js";

/** What the user routes need. */
export interface UsersRouterDeps {
  readonly accounts: UserAccounts;
  readonly maxBodyBytes: number;
}

const toWire = (user: User) => ({
  name: user.name,
  role: user.role,
  createdAt: new Date(user.createdAt).toISOString(),
});

/**
 * `/api/users` (SPEC §10, admins only): `POST {name, role, password?}` answers 201
 * `{name, role, createdAt, token}` (the token shown this once; 409 if the name is taken),
 * `GET` lists the users without secrets, `DELETE /:name` revokes one (204; 404).
 */
export function usersRouter({ accounts, maxBodyBytes }: UsersRouterDeps): Router {
  const router = new Router({ prefix: "/api/users" });

  router.post("/", async (ctx) => {
    const body = parseWith(addUserBodySchema, await readJsonBody(ctx, maxBodyBytes));
    const { user, token } = await accounts.add(body.name, body.role, body.password);
    ctx.status = 201;
    ctx.body = { ...toWire(user), token };
  });

  router.get("/", async (ctx) => {
    ctx.body = { items: (await accounts.list()).map(toWire) };
  });

  router.delete("/:name", async (ctx) => {
    await accounts.revoke(ctx.params.name as string);
    ctx.status = 204;
  });

  return router;
}
