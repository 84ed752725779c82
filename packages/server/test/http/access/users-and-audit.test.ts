import { expect, it } from "vitest";
import { describeHttp } from "../support/describe-http.js";

describeHttp("users and the audit log", ({ start }) => {
  it("makes a user whose token works with its role, shown once and never listed", async () => {
    const h = await start();
    const made = await h.post("/api/users", { name: "ada", role: "operator" });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({
      name: "ada",
      role: "operator",
      createdAt: expect.any(String),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const ada = { authorization: `Bearer ${made.body.token}` };
    expect((await h.as(null).post("/api/telecommands", { name: "PING" }, ada)).status).toBe(201);
    expect((await h.as(null).request("/api/users", { headers: ada })).status).toBe(403);
    const list = await h.request("/api/users");
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { name: string }) => u.name)).toEqual([
      "ada",
      "admin",
      "approver",
      "downlink",
      "operator",
      "viewer",
    ]);
    expect(JSON.stringify(list.body)).not.toContain(made.body.token);
    expect(Object.keys(list.body.items[0]).sort()).toEqual(["createdAt", "name", "role"]);
  });

  it("refuses a taken name (409), a bad name, role or password (400 naming the field), changing nothing", async () => {
    const h = await start();
    expect((await h.post("/api/users", { name: "ada", role: "viewer" })).status).toBe(201);
    const taken = await h.post("/api/users", { name: "ada", role: "admin" });
    expect(taken).toMatchObject({ status: 409, body: { code: "user_exists", field: "name" } });
    for (const [body, field] of [
      [{ name: "1ada", role: "viewer" }, "name"],
      [{ name: "bob", role: "root" }, "role"],
      [{ name: "bob", role: "viewer", password: "short" }, "password"],
      [{ name: "bob", role: "viewer", extra: true }, "extra"],
    ] as const) {
      const answer = await h.post("/api/users", body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.field).toBe(field);
    }
    const users = (await h.request("/api/users")).body.items;
    expect(users.find((u: { name: string }) => u.name === "ada")?.role).toBe("viewer");
    expect(users.some((u: { name: string }) => u.name === "bob")).toBe(false);
  });

  it("revokes a user (204, then 404): its token stops working at once", async () => {
    const h = await start();
    const made = await h.post("/api/users", { name: "ada", role: "viewer" });
    const ada = { authorization: `Bearer ${made.body.token}` };
    expect((await h.as(null).request("/api/stats", { headers: ada })).status).toBe(200);
    expect((await h.request("/api/users/ada", { method: "DELETE" })).status).toBe(204);
    expect((await h.as(null).request("/api/stats", { headers: ada })).status).toBe(401);
    expect(await h.request("/api/users/ada", { method: "DELETE" })).toMatchObject({
      status: 404,
      body: { code: "user_not_found" },
    });
  });

  it("records who changed users, spacecraft, dictionaries and inhibits, newest first, and only changes that were made", async () => {
    const h = await start();
    const approver = h.as("approver");
    await h.post("/api/users", { name: "ada", role: "viewer" });
    await h.post("/api/spacecraft", { id: "sat-7", name: "Sat 7" });
    await h.request("/api/spacecraft/sat-7", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mission: "lunar" }),
    });
    await approver.request("/api/spacecraft/sat-7/inhibits", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ categories: ["propulsion"], commands: [] }),
    });
    // Refused (403) and invalid (400) changes are not changes.
    expect((await approver.post("/api/spacecraft", { id: "sat-8" })).status).toBe(403);
    expect((await h.post("/api/spacecraft", { id: "-bad-" })).status).toBe(400);
    const dictionary = {
      mission: "lunar",
      commands: [{ name: "PING", category: "test", hazardous: false, args: {} }],
    };
    const put = await h.request("/api/missions/lunar/dictionary", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(dictionary),
    });
    expect(put.status).toBeLessThan(300);
    await h.request("/api/users/ada", { method: "DELETE" });

    const audit = await h.request("/api/audit");
    expect(audit.status).toBe(200);
    expect(
      audit.body.items.map((e: { actor: string; action: string; target: string }) => [
        e.actor,
        e.action,
        e.target,
      ]),
    ).toEqual([
      ["admin", "user.revoke", "ada"],
      ["admin", "dictionary.put", "lunar"],
      ["approver", "inhibits.put", "sat-7"],
      ["admin", "spacecraft.update", "sat-7"],
      ["admin", "spacecraft.register", "sat-7"],
      ["admin", "user.add", "ada"],
    ]);
    expect(Date.parse(audit.body.items[0].at)).toBeGreaterThanOrEqual(Date.parse(audit.body.items[5].at));
    const page = await h.request("/api/audit?limit=4");
    expect(page.body.items).toHaveLength(4);
    const next = await h.request(`/api/audit?limit=4&cursor=${page.body.nextCursor}`);
    expect(next.body.items.map((e: { action: string }) => e.action)).toEqual([
      "spacecraft.register",
      "user.add",
    ]);
    expect(next.body.nextCursor).toBeNull();
    expect((await h.request("/api/audit?limit=0")).body.field).toBe("limit");
    expect((await h.as("approver").request("/api/audit")).status).toBe(403);
  });
});
