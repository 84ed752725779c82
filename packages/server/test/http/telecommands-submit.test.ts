import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const WIRE_FIELDS = [
  "id",
  "spacecraftId",
  "name",
  "args",
  "priority",
  "status",
  "failureReason",
  "createdAt",
  "updatedAt",
  "transmittedAt",
  "acknowledgedAt",
  "executedAt",
  "failedAt",
  "cancelledAt",
  "notBefore",
  "notAfter",
  "version",
  "category",
  "hazardous",
  "dictionaryVersion",
  "submittedBy",
  "held",
].sort();

/** Each bad input of SPEC §5, with the field its problem must name. */
const BAD_BODIES: ReadonlyArray<readonly [string, string, string]> = [
  ["malformed JSON", '{"name": "PING"', "body"],
  ["an array body", "[]", "body"],
  ["a string body", '"PING"', "body"],
  ["a null body", "null", "body"],
  ["an unknown field", JSON.stringify({ name: "PING", colour: "red" }), "colour"],
  ["a missing name", JSON.stringify({ args: {} }), "name"],
  ["a numeric name", JSON.stringify({ name: 42 }), "name"],
  ["an empty name", JSON.stringify({ name: "" }), "name"],
  ["a name starting with a digit", JSON.stringify({ name: "1PING" }), "name"],
  ["a name with a space", JSON.stringify({ name: "PI NG" }), "name"],
  ["a 65-character name", JSON.stringify({ name: `A${"b".repeat(64)}` }), "name"],
  ["a numeric spacecraftId", JSON.stringify({ name: "PING", spacecraftId: 7 }), "spacecraftId"],
  ["a bad spacecraftId", JSON.stringify({ name: "PING", spacecraftId: "sc 1" }), "spacecraftId"],
  ["args as an array", JSON.stringify({ name: "PING", args: [1, 2] }), "args"],
  ["args as a string", JSON.stringify({ name: "PING", args: "x" }), "args"],
  ["args as null", JSON.stringify({ name: "PING", args: null }), "args"],
  ["args over 4 KiB", JSON.stringify({ name: "PING", args: { blob: "x".repeat(4100) } }), "args"],
  ["a string priority", JSON.stringify({ name: "PING", priority: "high" }), "priority"],
  ["a fractional priority", JSON.stringify({ name: "PING", priority: 1.5 }), "priority"],
  ["a priority out of range", JSON.stringify({ name: "PING", priority: 5000 }), "priority"],
  ["notBefore as a number", JSON.stringify({ name: "PING", notBefore: 1_900_000_000_000 }), "notBefore"],
  ["notBefore as a date only", JSON.stringify({ name: "PING", notBefore: "2030-01-01" }), "notBefore"],
  [
    "notBefore without a zone",
    JSON.stringify({ name: "PING", notBefore: "2030-01-01T00:00:00" }),
    "notBefore",
  ],
  [
    "notAfter on February 30th",
    JSON.stringify({ name: "PING", notAfter: "2030-02-30T00:00:00Z" }),
    "notAfter",
  ],
  ["notAfter in words", JSON.stringify({ name: "PING", notAfter: "tomorrow" }), "notAfter"],
  [
    "notAfter before notBefore",
    JSON.stringify({ name: "PING", notBefore: "2030-01-02T00:00:00Z", notAfter: "2030-01-01T23:59:59Z" }),
    "notAfter",
  ],
  ["a body over 64 KiB", JSON.stringify({ name: "PING", args: { blob: "x".repeat(70_000) } }), "body"],
  ["an empty body", "", "body"],
];

describeHttp("POST /api/telecommands", ({ start }) => {
  it("stores a command and answers 201 with it in wire format", async () => {
    const h = await start({ spacecraft: ["sc-1", "sc-7"] });
    const res = await h.post("/api/telecommands", {
      name: "SET_MODE",
      spacecraftId: "sc-7",
      args: { mode: "safe", level: 3 },
      priority: 5,
      notBefore: "2030-01-01T02:00:00+02:00",
      notAfter: "2030-01-02T00:00:00.250Z",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const c = res.body;
    expect(Object.keys(c).sort()).toEqual(WIRE_FIELDS);
    expect(c.id).toMatch(UUID_V7);
    expect(res.headers.get("location")).toBe(`/api/telecommands/${c.id}`);
    expect(c).toMatchObject({
      spacecraftId: "sc-7",
      name: "SET_MODE",
      args: { mode: "safe", level: 3 },
      priority: 5,
      status: "ready",
      failureReason: null,
      transmittedAt: null,
      acknowledgedAt: null,
      executedAt: null,
      failedAt: null,
      cancelledAt: null,
      notBefore: "2030-01-01T00:00:00.000Z",
      notAfter: "2030-01-02T00:00:00.250Z",
      version: 1,
      category: null,
      hazardous: false,
      dictionaryVersion: null,
    });
    expect(c.createdAt).toMatch(ISO_UTC);
    expect(c.updatedAt).toBe(c.createdAt);
    expect(await h.count()).toBe(1);
    const stored = await h.repository.get(c.id);
    expect(stored?.notBefore).toBe(Date.parse("2030-01-01T00:00:00Z"));
  });

  it("applies the defaults: spacecraft sc-1, priority 0, empty args, no window", async () => {
    const h = await start();
    const res = await h.post("/api/telecommands", { name: "PING" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      spacecraftId: "sc-1",
      priority: 0,
      args: {},
      notBefore: null,
      notAfter: null,
    });
  });

  it("accepts explicit nulls for notBefore and notAfter", async () => {
    const h = await start();
    const res = await h.post("/api/telecommands", { name: "PING", notBefore: null, notAfter: null });
    expect(res.status).toBe(201);
    expect(res.body.notBefore).toBeNull();
  });

  it("answers the same key and body with 200 and the same command, another body with 409", async () => {
    const h = await start();
    const key = { "idempotency-key": "order-42" };
    const first = await h.post("/api/telecommands", { name: "PING", args: { a: 1, b: 2 } }, key);
    const again = await h.post("/api/telecommands", { args: { b: 2, a: 1 }, name: "PING" }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await h.post("/api/telecommands", { name: "PING", args: { a: 2 } }, key);
    expect(other.status).toBe(409);
    expect(other.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(other.body).toMatchObject({
      status: 409,
      code: "idempotency_conflict",
      instance: "/api/telecommands",
    });
    expect(await h.count()).toBe(1);
    const withoutKey = await h.post("/api/telecommands", { name: "PING", args: { a: 1, b: 2 } });
    expect(withoutKey.status).toBe(201);
    expect(await h.count()).toBe(2);
    const stats = await h.request("/api/stats");
    expect(stats.body.duplicateSubmissions).toBe(1);
  });

  it("refuses an Idempotency-Key that is too long or not printable ASCII", async () => {
    const h = await start();
    const long = await h.post("/api/telecommands", { name: "PING" }, { "idempotency-key": "k".repeat(201) });
    expect(long.status).toBe(400);
    expect(long.body.field).toBe("Idempotency-Key");
    expect(await h.count()).toBe(0);
  });

  for (const [what, body, field] of BAD_BODIES) {
    it(`refuses ${what} with a 400 problem naming ${field}, storing nothing`, async () => {
      const h = await start();
      const res = await h.post("/api/telecommands", body);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 400,
        title: expect.any(String),
        instance: "/api/telecommands",
        field,
      });
      expect(res.body.type).toMatch(/validation_failed$/);
      expect(res.body.detail).toEqual(expect.stringContaining(field));
      expect(res.body.errors[0].field).toBe(field);
      expect(await h.count()).toBe(0);
    });
  }

  it("refuses a body that is not UTF-8", async () => {
    const h = await start();
    const res = await h.request("/api/telecommands", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: "body", errors: [{ rule: "encoding" }] });
  });

  it("refuses a body that is not sent as JSON with 415", async () => {
    const h = await start();
    const res = await h.request("/api/telecommands", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ name: "PING" }),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await h.count()).toBe(0);
  });

  it("counts refused submissions in /api/stats", async () => {
    const h = await start();
    await h.post("/api/telecommands", { name: "" });
    await h.post("/api/telecommands", "{");
    await h.post("/api/telecommands", { name: "OK" });
    const stats = await h.request("/api/stats");
    expect(stats.body.rejectedSubmissions).toBe(2);
    expect(stats.body.total).toBe(1);
  });
});
