import { InMemorySpacecraftRegistry, newSpacecraft } from "@uplink/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HttpHarness, startHttp } from "./support/http-harness.js";

describe("PUT and GET /api/spacecraft/:id/inhibits, and submissions they refuse", () => {
  let h: HttpHarness;
  beforeEach(async () => {
    const registry = new InMemorySpacecraftRegistry();
    for (const [id, mission] of [
      ["demo-1", "demo"],
      ["sc-1", null],
    ] as const) {
      registry.add(newSpacecraft(id, 0, { mission }));
    }
    h = await startHttp({ registry });
    await h.dictionaries.put("demo", {
      commands: [
        { name: "FIRE_THRUSTER", category: "propulsion", hazardous: true },
        { name: "PING", category: "platform" },
      ],
    });
  });
  afterEach(() => h.close());

  const put = (id: string, body: unknown) =>
    h.request(`/api/spacecraft/${id}/inhibits`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("inhibits nothing by default, and replaces the set with each PUT", async () => {
    expect((await h.request("/api/spacecraft/demo-1/inhibits")).body).toEqual({
      spacecraftId: "demo-1",
      categories: [],
      commands: [],
    });
    const answer = await put("demo-1", { categories: ["propulsion"], commands: ["REBOOT", "PING", "PING"] });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      spacecraftId: "demo-1",
      categories: ["propulsion"],
      commands: ["PING", "REBOOT"],
    });
    expect((await put("demo-1", { commands: [] })).body).toMatchObject({ categories: [], commands: [] });
    expect((await h.request("/api/spacecraft/demo-1/inhibits")).body).toMatchObject({ categories: [] });
  });

  it.each<[unknown, string]>([
    [{ categories: "propulsion" }, "categories"],
    [{ commands: ["bad name"] }, "commands[0]"],
    [{ other: [] }, "other"],
  ])("refuses %j with a 400 naming %s, changing nothing", async (body, field) => {
    await put("demo-1", { categories: ["payload"] });
    const answer = await put("demo-1", body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ field });
    expect((await h.request("/api/spacecraft/demo-1/inhibits")).body.categories).toEqual(["payload"]);
  });

  it("answers 400 for an id outside the pattern", async () => {
    expect((await h.request("/api/spacecraft/bad%20id/inhibits")).status).toBe(400);
  });

  it("answers 404 for a spacecraft that is not registered, and stores nothing for it", async () => {
    const read = await h.request("/api/spacecraft/ghost-1/inhibits");
    expect(read.status).toBe(404);
    expect(read.headers.get("content-type")).toMatch(/problem\+json/);
    const written = await put("ghost-1", { categories: ["payload"], commands: [] });
    expect(written.status).toBe(404);
    expect((await h.inhibits.get("ghost-1")).categories).toEqual([]);
  });

  it("drops a submission inhibited by category or name: 422 inhibited, nothing stored, counted", async () => {
    await put("demo-1", { categories: ["propulsion"] });
    await put("sc-1", { commands: ["ANYTHING"] });
    const byCategory = await h.post("/api/telecommands", { name: "FIRE_THRUSTER", spacecraftId: "demo-1" });
    expect(byCategory.status).toBe(422);
    expect(byCategory.body).toMatchObject({ code: "inhibited", field: "name" });
    const byName = await h.post("/api/telecommands", { name: "ANYTHING", spacecraftId: "sc-1" });
    expect(byName.status).toBe(422);
    expect(await h.count()).toBe(0);
    expect((await h.request("/api/stats")).body.rejectedSubmissions).toBe(2);
    const ping = await h.post("/api/telecommands", { name: "PING", spacecraftId: "demo-1" });
    expect(ping.status).toBe(201);
    for (const type of ["TRANSMIT", "ACCEPTED", "COMPLETED"] as const) {
      await h.service.apply(ping.body.id, { type }, "spacecraft");
    }
    expect((await h.request("/api/stats")).body).toMatchObject({
      delivered: 1,
      dropped: 2,
      bySpacecraft: { "demo-1": { delivered: 1, dropped: 1 }, "sc-1": { delivered: 0, dropped: 1 } },
      byCategory: { propulsion: { delivered: 0, dropped: 1 }, platform: { delivered: 1, dropped: 0 } },
    });
  });
});
