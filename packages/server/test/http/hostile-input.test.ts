import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";

/** JSON nested `depth` levels deep under a key: `{"a":{"a":…{}…}}`, about 5 bytes a level. */
function deepObject(depth: number): string {
  return `${'{"a":'.repeat(depth - 1)}{}${"}".repeat(depth - 1)}`;
}

/** Arrays nested `depth` levels deep: `[[[…]]]`. */
function deepArray(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

const FRAME = { spacecraftId: "sc-1", time: "2030-01-01T00:00:00Z" };
const report = (seq: number, fields: Record<string, unknown> = {}) => ({
  ...FRAME,
  seq,
  type: "completion",
  commandId: "0190a000-0000-7000-8000-000000000000",
  success: false,
  reason: "failed on board",
  ...fields,
});

/** Submissions whose strings or nesting PostgreSQL or the stack refused with a 500, and the field each must name. */
const SUBMISSIONS: ReadonlyArray<readonly [string, string, string]> = [
  ["a NUL in an args string", '{"name":"X","args":{"a":"\\u0000"}}', "args.a"],
  ["a lone high surrogate in an args string", '{"name":"X","args":{"a":"\\ud800"}}', "args.a"],
  ["a lone low surrogate in an args string", '{"name":"X","args":{"a":"x\\udc00y"}}', "args.a"],
  ["a reversed surrogate pair in args", '{"name":"X","args":{"a":"\\udc00\\ud800"}}', "args.a"],
  ["a NUL in a nested args array", '{"name":"X","args":{"list":["ok",["\\u0000"]]}}', "args.list[1][0]"],
  ["a NUL in an args key", '{"name":"X","args":{"k\\u0000":1}}', "args.k\ufffd"],
  ["a lone surrogate in a nested args key", '{"name":"X","args":{"o":{"\\ud83d":1}}}', "args.o.\ufffd"],
  ["a NUL in the name", '{"name":"X\\u0000"}', "name"],
  ["a lone surrogate in the spacecraft id", '{"name":"X","spacecraftId":"\\udfff"}', "spacecraftId"],
  ["a NUL in notBefore", '{"name":"X","notBefore":"2030-01-01T00:00:00Z\\u0000"}', "notBefore"],
  ["a NUL in an unknown field", '{"name":"X","extra":"\\u0000"}', "extra"],
];

/** Downlink bodies of the same kinds. */
const DOWNLINK: ReadonlyArray<readonly [string, string, string]> = [
  ["a NUL in a frame's reason", JSON.stringify(report(1, { reason: "\u0000" })), "reason"],
  [
    "a lone surrogate in a frame's commandId",
    JSON.stringify(report(1, { commandId: "\ud800" })),
    "commandId",
  ],
  ["a NUL in a frame's type", JSON.stringify({ ...FRAME, seq: 1, type: "x\u0000" }), "type"],
  [
    "a lone surrogate in a telemetry value",
    JSON.stringify({ ...FRAME, seq: 1, type: "telemetry", parameters: { MODE: "\udc00" } }),
    "parameters.MODE",
  ],
  [
    "a NUL in a telemetry parameter name",
    JSON.stringify({ ...FRAME, seq: 1, type: "telemetry", parameters: { "B\u0000": 1 } }),
    "parameters.B\ufffd",
  ],
  [
    "a lone surrogate in the fourth frame of a batch",
    JSON.stringify([report(1), report(2), report(3), report(4, { reason: "\ud800!" })]),
    "[3].reason",
  ],
  ["a NUL in a mission's own frame field", JSON.stringify(report(1, { note: ["\u0000"] })), "note[0]"],
];

describeHttp("hostile input", ({ start, storedRows }) => {
  const submit = async (body: string) => {
    const h = await start();
    const res = await h.post("/api/telecommands", body);
    return { res, rows: await storedRows() };
  };

  for (const [what, body, field] of SUBMISSIONS) {
    it(`answers a submission with ${what} with a 400 problem naming ${field}, storing nothing`, async () => {
      const { res, rows } = await submit(body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, field, errors: [{ field, rule: "text" }] });
      expect(rows).toBe(0);
    });
  }

  it("answers a submission whose args nest 5 000 levels deep (under 64 KiB) with a 400, storing nothing", async () => {
    for (const args of [deepObject(5_000), deepArray(5_000)]) {
      const body = `{"name":"X","args":{"deep":${args}}}`;
      expect(body.length).toBeLessThan(64 * 1024);
      const { res, rows } = await submit(body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body).toMatchObject({ errors: [{ rule: "max_depth" }] });
      expect(res.body.field).toMatch(/^args\.deep/);
      expect(rows).toBe(0);
    }
  });

  it("takes args nested up to the limit, and refuses one level more", async () => {
    const h = await start();
    // The body is level 1 and args level 2: args.deep may hold 62 more levels.
    const ok = await h.post("/api/telecommands", `{"name":"X","args":{"deep":${deepArray(62)}}}`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const over = await h.post("/api/telecommands", `{"name":"X","args":{"deep":${deepArray(63)}}}`);
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ errors: [{ rule: "max_depth" }] });
    expect(await h.count()).toBe(1);
  });

  it("takes astral characters and properly paired surrogates", async () => {
    const h = await start();
    const res = await h.post("/api/telecommands", {
      name: "X",
      args: { emoji: "🛰️🚀", pair: "\ud83d\ude80" },
    });
    expect(res.status).toBe(201);
    expect(res.body.args).toEqual({ emoji: "🛰️🚀", pair: "🚀" });
  });

  for (const [what, body, field] of DOWNLINK) {
    it(`answers a downlink body with ${what} with a 400 problem naming ${field}, storing nothing`, async () => {
      const h = await start();
      const res = await h.post("/api/downlink", body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, field, errors: [{ field, rule: "text" }] });
      expect(await storedRows()).toBe(0);
    });
  }

  it("answers a downlink frame with a field nested 5 000 levels deep with a 400, storing nothing", async () => {
    const h = await start();
    for (const deep of [deepObject(5_000), deepArray(5_000)]) {
      const body = `{"spacecraftId":"sc-1","seq":1,"type":"telemetry","parameters":{},"x":${deep}}`;
      const res = await h.post("/api/downlink", body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body).toMatchObject({ errors: [{ rule: "max_depth" }] });
      expect(res.body.field).toMatch(/^x/);
    }
    const batch = await h.post(
      "/api/downlink",
      `[${JSON.stringify(report(1))},{"deep":${deepArray(5_000)}}]`,
    );
    expect(batch.status).toBe(400);
    expect(batch.body.field).toMatch(/^\[1\]\.deep/);
    expect(await storedRows()).toBe(0);
  });

  it("answers a NUL in a query parameter with a 400 naming it", async () => {
    const h = await start();
    const res = await h.request("/api/telecommands?spacecraftId=sc%00");
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: "spacecraftId", errors: [{ rule: "text" }] });
  });
});
