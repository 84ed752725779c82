import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";

describeHttp("POST /api/spacecraft/:id/queue (SPEC §10)", ({ start }) => {
  it("sets a queue state and shows it on the spacecraft; open is the default", async () => {
    const h = await start();
    expect((await h.request("/api/spacecraft/sc-1")).body.queue).toBe("open");
    const held = await h.post("/api/spacecraft/sc-1/queue", { state: "held" });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ id: "sc-1", queue: "held" });
    expect((await h.request("/api/spacecraft/sc-1")).body.queue).toBe("held");
    const fleet = await h.request("/api/spacecraft");
    expect(fleet.body.items.map((s: { id: string; queue: string }) => [s.id, s.queue])).toEqual([
      ["sc-1", "held"],
      ["sc-2", "open"],
    ]);
  });

  it("held: submissions are accepted; closed: refused with 409 queue_closed, stored nothing, counted", async () => {
    const h = await start();
    await h.post("/api/spacecraft/sc-1/queue", { state: "held" });
    expect((await h.post("/api/telecommands", { name: "PING" })).status).toBe(201);
    await h.post("/api/spacecraft/sc-1/queue", { state: "closed" });
    const closed = await h.post("/api/telecommands", { name: "PING" });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ code: "queue_closed", field: "spacecraftId" });
    const dry = await h.post("/api/telecommands?dryRun=true", { name: "PING" });
    expect(dry.status).toBe(409);
    expect(await h.count()).toBe(1);
    expect((await h.request("/api/stats")).body.rejectedSubmissions).toBe(1);
    expect((await h.post("/api/telecommands", { name: "PING", spacecraftId: "sc-2" })).status).toBe(201);
    await h.post("/api/spacecraft/sc-1/queue", { state: "open" });
    expect((await h.post("/api/telecommands", { name: "PING" })).status).toBe(201);
  });

  it("answers 400 naming the field for a bad body and 404 for an unregistered spacecraft, changing nothing", async () => {
    const h = await start();
    for (const [body, field] of [
      [{ state: "paused" }, "state"],
      [{}, "state"],
      [{ state: "held", why: "x" }, "why"],
      [[], "body"],
    ] as const) {
      const res = await h.post("/api/spacecraft/sc-1/queue", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field).toBe(field);
    }
    expect((await h.request("/api/spacecraft/sc-1")).body.queue).toBe("open");
    expect((await h.post("/api/spacecraft/sc-9/queue", { state: "held" })).status).toBe(404);
    expect((await h.post("/api/spacecraft/bad id/queue", { state: "held" })).status).toBe(400);
  });
});
