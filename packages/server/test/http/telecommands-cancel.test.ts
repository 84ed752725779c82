import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";

const MISSING_ID = "01890000-0000-7000-8000-000000000000";

describeHttp("POST /api/telecommands/:id/cancel", ({ start }) => {
  it("cancels a ready command: 200 with the cancelled command", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING" });
    const res = await h.request(`/api/telecommands/${c.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, status: "cancelled", version: 2, failureReason: null });
    expect(res.body.cancelledAt).toMatch(/Z$/);
    expect((await h.repository.get(c.id))?.status).toBe("cancelled");
  });

  it("answers 409 carrying the current status when the command is not ready", async () => {
    const h = await start();
    const { body: a } = await h.post("/api/telecommands", { name: "PING" });
    await h.service.apply(a.id, { type: "TRANSMIT" }, "sender");
    const transmitted = await h.request(`/api/telecommands/${a.id}/cancel`, { method: "POST" });
    expect(transmitted.status).toBe(409);
    expect(transmitted.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(transmitted.body).toMatchObject({
      status: 409,
      code: "status_conflict",
      currentStatus: "transmitted",
    });
    expect((await h.repository.get(a.id))?.status).toBe("transmitted");

    const { body: b } = await h.post("/api/telecommands", { name: "PING" });
    expect((await h.request(`/api/telecommands/${b.id}/cancel`, { method: "POST" })).status).toBe(200);
    const twice = await h.request(`/api/telecommands/${b.id}/cancel`, { method: "POST" });
    expect(twice.status).toBe(409);
    expect(twice.body.currentStatus).toBe("cancelled");
  });

  it("answers 404 for an unknown command and 400 for a bad id", async () => {
    const h = await start();
    const missing = await h.request(`/api/telecommands/${MISSING_ID}/cancel`, { method: "POST" });
    expect(missing.status).toBe(404);
    const bad = await h.request("/api/telecommands/123/cancel", { method: "POST" });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("id");
  });

  it("lets exactly one of many concurrent cancels win", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING" });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => h.request(`/api/telecommands/${c.id}/cancel`, { method: "POST" })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(7);
    const history = await h.repository.history(c.id);
    expect(history.filter((e) => e.to === "cancelled")).toHaveLength(1);
  });
});
