import { expect, it } from "vitest";
import { bearer } from "../support/tokens.js";
import { describeHttp } from "./support/describe-http.js";

const MISSING_ID = "01890000-0000-7000-8000-000000000000";
const POST = { method: "POST", headers: bearer("operator") };

describeHttp("POST /api/telecommands/:id/hold and /release (SPEC §10)", ({ start }) => {
  it("holds a ready command (held: true, still ready, not claimable), then releases it", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING" });
    expect(c.held).toBe(false);
    const held = await h.request(`/api/telecommands/${c.id}/hold`, POST);
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ id: c.id, status: "ready", held: true, version: 2 });
    expect((await h.request(`/api/telecommands/${c.id}`)).body.held).toBe(true);
    const claim = { owner: "s", now: Date.now(), leaseMs: 60_000, limit: 10, statuses: ["ready"] };
    expect(await h.repository.claim(claim)).toEqual([]);
    const released = await h.request(`/api/telecommands/${c.id}/release`, POST);
    expect(released.body).toMatchObject({ status: "ready", held: false, version: 3 });
    expect((await h.repository.claim(claim)).map((x) => x.id)).toEqual([c.id]);
    const history = await h.request(`/api/telecommands/${c.id}/history`);
    expect(history.body.items.map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toEqual([
      ["transition", "admin"],
      ["hold", "operator"],
      ["release", "operator"],
    ]);
  });

  it("answers 409 with the status for a command not ready, 404 for an unknown one, 400 for a bad id", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING" });
    await h.request(`/api/telecommands/${c.id}/cancel`, { method: "POST" });
    const hold = await h.request(`/api/telecommands/${c.id}/hold`, { method: "POST" });
    expect(hold.status).toBe(409);
    expect(hold.body).toMatchObject({ code: "status_conflict", currentStatus: "cancelled" });
    expect((await h.request(`/api/telecommands/${MISSING_ID}/release`, { method: "POST" })).status).toBe(404);
    const bad = await h.request("/api/telecommands/123/hold", { method: "POST" });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("id");
  });

  it("ends a hold when the command is cancelled", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING" });
    await h.request(`/api/telecommands/${c.id}/hold`, { method: "POST" });
    const cancelled = await h.request(`/api/telecommands/${c.id}/cancel`, { method: "POST" });
    expect(cancelled.body).toMatchObject({ status: "cancelled", held: false });
  });
});
