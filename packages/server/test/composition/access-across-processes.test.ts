import { afterAll, beforeAll, expect, it } from "vitest";
import { TOKEN_CACHE_MS } from "../../src/auth/user-accounts.js";
import type { RunningUplink } from "../../src/composition-root.js";
import {
  describePostgres,
  eventually,
  freshSchema,
  startServer,
  type TestSchema,
} from "../support/server.js";
import { bearer } from "../support/tokens.js";

async function call(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

describePostgres("users, sessions and the audit log across two API processes on one PostgreSQL", () => {
  let schema: TestSchema;
  let a: RunningUplink;
  let b: RunningUplink;

  beforeAll(async () => {
    schema = await freshSchema();
    a = await startServer({ DATABASE_URL: schema.databaseUrl }, ["--role", "api"]);
    b = await startServer({ DATABASE_URL: schema.databaseUrl }, ["--role", "api"]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await schema?.dispose();
  });

  it("takes a user made on one process and a session opened there on the other; a revocation reaches both", async () => {
    const made = await call(`${a.url}/api/users`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer() },
      body: JSON.stringify({ name: "ada", role: "operator", password: "correct horse" }),
    });
    expect(made.status).toBe(201);
    const ada = { authorization: `Bearer ${(made.body as { token: string }).token}` };
    expect((await call(`${b.url}/api/stats`, { headers: ada })).status).toBe(200);

    const signIn = await call(`${a.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "ada", password: "correct horse" }),
    });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] as string;
    expect(await call(`${b.url}/api/session`, { headers: { cookie } })).toMatchObject({
      status: 200,
      body: { name: "ada", role: "operator" },
    });

    expect((await call(`${a.url}/api/users/ada`, { method: "DELETE", headers: bearer() })).status).toBe(204);
    expect((await call(`${a.url}/api/stats`, { headers: ada })).status).toBe(401);
    expect((await call(`${b.url}/api/session`, { headers: { cookie } })).status).toBe(401);
    // B may remember the token for TOKEN_CACHE_MS at most.
    await eventually(
      async () => ((await call(`${b.url}/api/stats`, { headers: ada })).status === 401 ? true : undefined),
      TOKEN_CACHE_MS + 2_000,
    );

    const audit = await call(`${b.url}/api/audit`, { headers: bearer() });
    expect(
      (audit.body as { items: { action: string; target: string }[] }).items.map((e) => [e.action, e.target]),
    ).toEqual([
      ["user.revoke", "ada"],
      ["user.add", "ada"],
    ]);
  });
});
