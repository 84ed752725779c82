import { mayPerform, PERMISSIONS, type Permission, USER_ROLES } from "@uplink/core";
import { expect, it } from "vitest";
import { describeHttp } from "../support/describe-http.js";
import type { HttpHarness } from "../support/http-harness.js";

/** Signs in through `POST /api/session`; answers the status and the `name=value` of the cookie set. */
async function signIn(h: HttpHarness, name: string, password: string) {
  const answer = await h.as(null).post("/api/session", { name, password });
  const setCookie = answer.headers.get("set-cookie") ?? "";
  return { ...answer, setCookie, cookie: setCookie.split(";")[0] ?? "" };
}

describeHttp("sign-in, sessions and credentials", ({ start, storedRows }) => {
  it("signs in with a password or with the user's token, and sets an HttpOnly, SameSite=Strict cookie", async () => {
    const h = await start();
    const made = await h.post("/api/users", { name: "ada", role: "operator", password: "correct horse" });
    expect(made.status).toBe(201);
    const byPassword = await signIn(h, "ada", "correct horse");
    expect(byPassword.status).toBe(200);
    expect(byPassword.body).toMatchObject({ name: "ada", role: "operator", expiresAt: expect.any(String) });
    expect(byPassword.setCookie).toMatch(/^uplink_session=[A-Za-z0-9_-]{43};/);
    expect(byPassword.setCookie).toMatch(/; path=\//i);
    expect(byPassword.setCookie).toMatch(/; httponly/i);
    expect(byPassword.setCookie).toMatch(/; samesite=strict/i);
    expect(byPassword.setCookie).toMatch(/; max-age=43200|; expires=/i);
    expect(byPassword.setCookie).not.toMatch(/; secure/i);
    const byToken = await signIn(h, "ada", made.body.token);
    expect(byToken.status).toBe(200);
    const me = await h.as(null).request("/api/session", { headers: { cookie: byToken.cookie } });
    expect(me).toMatchObject({ status: 200, body: { name: "ada", role: "operator" } });
  });

  it("names each role's permissions (core's table), which the console offers and nothing else", async () => {
    const h = await start();
    for (const role of USER_ROLES) {
      const name = `user-${role}`;
      await h.post("/api/users", { name, role, password: "correct horse" });
      const expected = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => mayPerform(role, p));
      const signedIn = await signIn(h, name, "correct horse");
      expect(signedIn.body.permissions, role).toEqual(expected);
      const me = await h.as(null).request("/api/session", { headers: { cookie: signedIn.cookie } });
      expect(me.body, role).toEqual({ name, role, permissions: expected });
    }
  });

  it("refuses a wrong password or an unknown user with 401, and sets no cookie", async () => {
    const h = await start();
    await h.post("/api/users", { name: "ada", role: "viewer", password: "correct horse" });
    for (const [name, password] of [
      ["ada", "wrong horse"],
      ["nobody", "correct horse"],
    ] as const) {
      const answer = await signIn(h, name, password);
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe("unauthenticated");
      expect(answer.setCookie).toBe("");
    }
  });

  it("uses the session for requests and the role for what they may do; signing out ends it", async () => {
    const h = await start();
    await h.post("/api/users", { name: "vic", role: "viewer", password: "viewer pass" });
    const { cookie } = await signIn(h, "vic", "viewer pass");
    const session = h.as(null);
    expect((await session.request("/api/telecommands", { headers: { cookie } })).status).toBe(200);
    const refused = await session.post("/api/telecommands", { name: "PING" }, { cookie, origin: h.baseUrl });
    expect(refused).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(await h.count()).toBe(0);
    const out = await session.request("/api/session", { method: "DELETE", headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^uplink_session=;.*(max-age=0|expires=Thu, 01 Jan 1970)/i);
    const after = await session.request("/api/telecommands", { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toBe('Bearer realm="uplink", error="invalid_token"');
  });

  it("refuses a change made with the cookie from another origin (CSRF), storing nothing", async () => {
    const h = await start();
    await h.post("/api/users", { name: "ada", role: "operator", password: "correct horse" });
    const { cookie } = await signIn(h, "ada", "correct horse");
    const session = h.as(null);
    // A page of another site posting a form to the API with the browser's cookie.
    const form = await session.request("/api/telecommands", {
      method: "POST",
      headers: { cookie, origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "name=PING",
    });
    expect(form).toMatchObject({ status: 403, body: { code: "cross_origin" } });
    const json = await session.post(
      "/api/telecommands",
      { name: "PING" },
      { cookie, origin: "http://evil.example" },
    );
    expect(json).toMatchObject({ status: 403, body: { code: "cross_origin" } });
    // Without Origin nor Sec-Fetch-Site the request cannot show where it comes from.
    const bare = await session.post("/api/telecommands", { name: "PING" }, { cookie });
    expect(bare).toMatchObject({ status: 403, body: { code: "cross_origin" } });
    const sameSite = await session.post(
      "/api/telecommands",
      { name: "PING" },
      { cookie, "sec-fetch-site": "same-site" },
    );
    expect(sameSite.status).toBe(403);
    expect(await h.count()).toBe(0);
    expect(await storedRows()).toBeOneOf([0, null]);
    // A foreign Origin is refused even with a token; the console's own origin is taken.
    expect(
      (await h.post("/api/telecommands", { name: "PING" }, { origin: "http://evil.example" })).status,
    ).toBe(403);
    const own = await session.post("/api/telecommands", { name: "PING" }, { cookie, origin: h.baseUrl });
    expect(own.status).toBe(201);
  });

  it("answers missing, malformed, unknown and revoked credentials with 401 and WWW-Authenticate", async () => {
    const h = await start();
    const made = await h.post("/api/users", { name: "gs-1", role: "downlink" });
    const gateway = { authorization: `Bearer ${made.body.token}` };
    const frame = {
      spacecraftId: "sc-1",
      seq: 1,
      time: "2030-01-01T00:00:00Z",
      type: "telemetry",
      parameters: { A: 1 },
    };
    expect((await h.as(null).post("/api/downlink", frame, gateway)).status).toBe(202);
    expect((await h.as(null).request("/api/stats", { headers: gateway })).status).toBe(403);
    const missing = await h.as(null).request("/api/stats");
    expect(missing).toMatchObject({ status: 401, body: { code: "unauthenticated", status: 401 } });
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="uplink"');
    expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    for (const authorization of [
      "Basic YWRtaW46YWRtaW4=",
      "Bearer",
      "Bearer a b",
      `Bearer ${"x".repeat(43)}`,
    ]) {
      const answer = await h.as(null).request("/api/stats", { headers: { authorization } });
      expect(answer.status, authorization).toBe(401);
      expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="uplink", error="invalid_token"');
    }
    expect((await h.request("/api/users/gs-1", { method: "DELETE" })).status).toBe(204);
    expect((await h.as(null).post("/api/downlink", { ...frame, seq: 2 }, gateway)).status).toBe(401);
    // Unlisted API paths need credentials too; open paths do not.
    expect((await h.as(null).request("/api/nothing-here")).status).toBe(401);
    expect((await h.request("/api/nothing-here")).status).toBe(404);
    for (const path of ["/healthz", "/readyz", "/metrics", "/openapi.json", "/"]) {
      expect((await h.as(null).request(path)).status, path).toBe(200);
    }
  });

  it("slows repeated failed sign-ins with 429 and Retry-After, even for the right password", async () => {
    const h = await start();
    await h.post("/api/users", { name: "ada", role: "operator", password: "correct horse" });
    for (let i = 0; i < 5; i++) expect((await signIn(h, "ada", `wrong ${i}`)).status).toBe(401);
    const slowed = await signIn(h, "ada", "correct horse");
    expect(slowed).toMatchObject({ status: 429, body: { code: "too_many_sign_ins" } });
    expect(Number(slowed.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(slowed.setCookie).toBe("");
  });
});
