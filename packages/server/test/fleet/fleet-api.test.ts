import { expect, it } from "vitest";
import { call, describeFleet } from "./support.js";

const SPACECRAFT_FIELDS = [
  "contacts",
  "createdAt",
  "health",
  "id",
  "lastFrameAt",
  "mission",
  "name",
  "queue",
  "telemetry",
  "uplinkRateBps",
  "uplinkUrl",
].sort();

const ids = (items: { id: string }[]) => items.map((s) => s.id);

describeFleet("the fleet API", ({ start }) => {
  it("registers the demo fleet at first start: sc-1 and two spacecraft of mission demo", async () => {
    const { url } = await start();
    const { status, body } = await call(`${url}/api/spacecraft`, "GET");
    expect(status).toBe(200);
    expect(ids(body.items)).toEqual(["sc-1", "demo-1", "demo-2"]);
    expect(Object.keys(body.items[0]).sort()).toEqual(SPACECRAFT_FIELDS);
    expect(body.items[0]).toMatchObject({ contacts: null, mission: null, queue: "open", health: "unknown" });
    expect(body.items[1]).toMatchObject({ mission: "demo", contacts: "periodic:10m/4m" });
    expect((await call(`${url}/api/missions`, "GET")).body).toEqual({
      items: [{ mission: "demo", spacecraft: 2 }],
    });
  });

  it("registers a spacecraft (201), refuses its id again (409) and bad fields (400 naming them), storing nothing", async () => {
    const { url } = await start();
    const created = await call(`${url}/api/spacecraft`, "POST", {
      id: "sat-7",
      name: "Seven",
      mission: "Orbiters",
      contacts: "periodic:90m/10m",
      uplinkRateBps: 9600,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/api/spacecraft/sat-7");
    expect(created.body).toMatchObject({
      id: "sat-7",
      name: "Seven",
      mission: "Orbiters",
      contacts: "periodic:90m/10m",
      uplinkUrl: null,
      uplinkRateBps: 9600,
      queue: "open",
      health: "unknown",
      lastFrameAt: null,
      telemetry: {},
    });
    expect(Date.parse(created.body.createdAt)).toBeGreaterThan(0);
    const again = await call(`${url}/api/spacecraft`, "POST", { id: "sat-7" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "spacecraft_exists", field: "id" });
    for (const [body, field] of [
      [{ id: "bad id" }, "id"],
      [{ id: "x", contacts: "periodic:90m" }, "contacts"],
      [{ id: "x", mission: 4 }, "mission"],
      [{ id: "x", uplinkUrl: "gopher://x" }, "uplinkUrl"],
      [{ id: "x", colour: "red" }, "colour"],
      [[], "body"],
    ] as const) {
      const refused = await call(`${url}/api/spacecraft`, "POST", body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(refused.body.field).toBe(field);
    }
    expect((await call(`${url}/api/spacecraft/x`, "GET")).status).toBe(404);
  });

  it("lists sorted and filtered by mission (case-insensitive) and health; refuses a bad sort", async () => {
    const { url } = await start();
    await call(`${url}/api/spacecraft`, "POST", { id: "a-1", name: "Zulu", mission: "DEMO" });
    await call(`${url}/api/spacecraft`, "POST", { id: "b-1", name: "alpha", mission: "Other" });
    const list = async (query: string) => {
      const answer = await call(`${url}/api/spacecraft?${query}`, "GET");
      expect(answer.status, query).toBe(200);
      return ids(answer.body.items);
    };
    expect(await list("sort=name")).toEqual(["b-1", "demo-1", "demo-2", "sc-1", "a-1"]);
    expect(await list("sort=-createdAt")).toEqual(["b-1", "a-1", "demo-2", "demo-1", "sc-1"]);
    expect(await list("mission=demo")).toEqual(["demo-1", "demo-2", "a-1"]);
    expect(await list("mission=Demo&sort=-name")).toEqual(["a-1", "demo-2", "demo-1"]);
    expect(await list("health=unknown&mission=other")).toEqual(["b-1"]);
    expect(await list("health=nominal")).toEqual([]);
    expect((await call(`${url}/api/missions`, "GET")).body.items).toEqual([
      { mission: "demo", spacecraft: 3 },
      { mission: "Other", spacecraft: 1 },
    ]);
    const mission = await call(`${url}/api/missions/oThEr`, "GET");
    expect(ids(mission.body.items)).toEqual(["b-1"]);
    expect((await call(`${url}/api/missions/nobody`, "GET")).status).toBe(404);
    for (const query of ["sort=id", "health=fine", "colour=red"]) {
      const refused = await call(`${url}/api/spacecraft?${query}`, "GET");
      expect(refused.status, query).toBe(400);
      expect(refused.body.field).toBeDefined();
    }
  });

  it("changes what a PATCH names, refuses unknown fields (400) and unknown spacecraft (404)", async () => {
    const { url } = await start();
    const patched = await call(`${url}/api/spacecraft/demo-1`, "PATCH", { mission: null, name: "One" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id: "demo-1",
      name: "One",
      mission: null,
      contacts: "periodic:10m/4m",
    });
    expect((await call(`${url}/api/spacecraft/demo-1`, "GET")).body).toMatchObject({
      name: "One",
      mission: null,
    });
    const unknown = await call(`${url}/api/spacecraft/demo-1`, "PATCH", { queue: "held" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe("queue");
    const id = await call(`${url}/api/spacecraft/demo-1`, "PATCH", { id: "demo-9" });
    expect(id.body.field).toBe("id");
    expect((await call(`${url}/api/spacecraft/nope`, "PATCH", { name: "x" })).status).toBe(404);
    expect((await call(`${url}/api/missions/demo`, "GET")).body.items).toHaveLength(1);
  });

  it("removes a spacecraft without pending commands (204), refuses one with some (409)", async () => {
    const { url } = await start();
    // demo-1 has 4-minute passes every 10 minutes: a command may wait; cancel it to be sure.
    await call(`${url}/api/spacecraft/demo-1`, "PATCH", {
      contacts: "windows:2099-01-01T00:00:00Z/2099-01-01T00:10:00Z",
    });
    const submitted = await call(`${url}/api/telecommands`, "POST", { name: "PING", spacecraftId: "demo-1" });
    expect(submitted.status).toBe(201);
    const busy = await call(`${url}/api/spacecraft/demo-1`, "DELETE");
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe("spacecraft_has_pending_commands");
    expect((await call(`${url}/api/spacecraft/demo-1`, "GET")).status).toBe(200);
    await call(`${url}/api/telecommands/${submitted.body.id}/cancel`, "POST");
    expect((await call(`${url}/api/spacecraft/demo-1`, "DELETE")).status).toBe(204);
    expect((await call(`${url}/api/spacecraft/demo-1`, "GET")).status).toBe(404);
    expect((await call(`${url}/api/spacecraft/demo-1`, "DELETE")).status).toBe(404);
    // The submission above made this process remember demo-1; its own removal forgets it at once.
    const late = await call(`${url}/api/telecommands`, "POST", { name: "PING", spacecraftId: "demo-1" });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe("unknown_spacecraft");
  });

  it("refuses a submission to an unregistered spacecraft with 422 unknown_spacecraft, storing nothing, counted", async () => {
    const { url } = await start();
    const before = (await call(`${url}/api/stats`, "GET")).body;
    const refused = await call(`${url}/api/telecommands`, "POST", { name: "PING", spacecraftId: "ghost" });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: "unknown_spacecraft", field: "spacecraftId" });
    expect((await call(`${url}/api/telecommands`, "GET")).body.items).toEqual([]);
    const after = (await call(`${url}/api/stats`, "GET")).body;
    expect(after.rejectedSubmissions).toBe(before.rejectedSubmissions + 1);
    expect(after.total).toBe(0);
  });

  it("answers frames from an unregistered spacecraft 202, counts them, and stores nothing of them", async () => {
    const { url } = await start();
    const frame = (spacecraftId: string, seq: number) => ({
      spacecraftId,
      seq,
      time: "2030-01-01T00:00:00Z",
      type: "telemetry",
      parameters: { BATT_V: 28 },
    });
    const answer = await call(`${url}/api/downlink`, "POST", [
      frame("ghost", 1),
      frame("ghost", 2),
      frame("sc-1", 1),
    ]);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ received: 3, accepted: 1 });
    const stats = (await call(`${url}/api/stats`, "GET")).body;
    expect(stats.unknownSpacecraft).toBe(2);
    expect(stats.downlink.received).toBe(1);
    const gaps = await call(`${url}/api/downlink/gaps`, "GET");
    expect(gaps.body.items).toEqual([]);
    const sc1 = (await call(`${url}/api/spacecraft/sc-1`, "GET")).body;
    expect(Date.parse(sc1.lastFrameAt)).toBeGreaterThan(0);
    expect((await call(`${url}/api/spacecraft/ghost`, "GET")).status).toBe(404);
    expect((await call(`${url}/api/spacecraft?sort=-lastFrameAt`, "GET")).body.items[0].id).toBe("sc-1");
  });

  it("registers the ids of UPLINK_SPACECRAFT at start", async () => {
    const { url } = await start({ UPLINK_SPACECRAFT: "sat-a,sat-b" });
    const listed = ids((await call(`${url}/api/spacecraft`, "GET")).body.items);
    expect(listed).toEqual(expect.arrayContaining(["sc-1", "sat-a", "sat-b"]));
    expect(
      (await call(`${url}/api/telecommands`, "POST", { name: "PING", spacecraftId: "sat-b" })).status,
    ).toBe(201);
  });
});
