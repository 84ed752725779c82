import { InMemorySpacecraftRegistry, newSpacecraft } from "@uplink/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HttpHarness, startHttp } from "./support/http-harness.js";

const dictionary = {
  mission: "demo",
  commands: [
    {
      name: "SET_MODE",
      category: "platform",
      args: { duration: { type: "integer", min: 0, max: 3600, optional: true, default: 0 } },
    },
  ],
};

describe("PUT and GET /api/missions/:mission/dictionary", () => {
  let h: HttpHarness;
  beforeEach(async () => {
    h = await startHttp();
  });
  afterEach(() => h.close());

  const put = (mission: string, body: unknown) =>
    h.request(`/api/missions/${mission}/dictionary`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("stores a valid dictionary with its version, and reads it back by any case of the mission", async () => {
    const answer = await put("demo", dictionary);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ mission: "demo", version: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(answer.body.dictionary.commands[0]).toMatchObject({ name: "SET_MODE", hazardous: false });
    const read = await h.request("/api/missions/DEMO/dictionary");
    expect(read.status).toBe(200);
    expect(read.body).toEqual(answer.body);
  });

  it("answers 404 for a mission without a dictionary", async () => {
    const answer = await h.request("/api/missions/none/dictionary");
    expect(answer.status).toBe(404);
    expect(answer.headers.get("content-type")).toContain("application/problem+json");
  });

  it.each<[string, unknown, string]>([
    [
      "a default out of range",
      {
        ...dictionary,
        commands: [{ ...dictionary.commands[0], args: { d: { type: "integer", max: 1, default: 2 } } }],
      },
      "commands[0].args.d.default",
    ],
    [
      "a duplicate name",
      { ...dictionary, commands: [dictionary.commands[0], dictionary.commands[0]] },
      "commands[1].name",
    ],
    [
      "an unknown type",
      { ...dictionary, commands: [{ name: "A", category: "c", args: { x: { type: "decimal" } } }] },
      "commands[0].args.x.type",
    ],
    ["another mission", { ...dictionary, mission: "other" }, "mission"],
    ["a body that is not JSON", "{ commands: [", "body"],
  ])("refuses %s with a 400 naming the place and keeps the previous dictionary", async (_, body, field) => {
    const first = await put("demo", dictionary);
    const answer = await put("demo", body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 400, field });
    expect((await h.request("/api/missions/demo/dictionary")).body).toEqual(first.body);
  });

  it("refuses a body over 1 MiB with a 400 on the body, and accepts one just under", async () => {
    const many = (n: number) => ({
      mission: "big",
      commands: Array.from({ length: n }, (_, i) => ({
        name: `CMD_${i}`,
        category: "bulk",
        description: "x".repeat(200),
      })),
    });
    const big = await put("big", many(5_000));
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ field: "body", errors: [{ rule: "max_size" }] });
    expect((await h.request("/api/missions/big/dictionary")).status).toBe(404);
    expect((await put("big", many(2_000))).status).toBe(200);
  });
});

describe("POST /api/telecommands to a spacecraft whose mission has a dictionary", () => {
  let h: HttpHarness;
  beforeEach(async () => {
    const registry = new InMemorySpacecraftRegistry();
    for (const [id, mission] of [
      ["demo-1", "Demo"],
      ["sc-1", null],
    ] as const) {
      registry.add(newSpacecraft(id, 0, { mission }));
    }
    h = await startHttp({ registry });
    await h.dictionaries.put("demo", {
      commands: [
        {
          name: "SET_MODE",
          category: "platform",
          hazardous: true,
          args: {
            mode: { type: "enum", values: ["NOMINAL", "SAFE"] },
            duration: { type: "integer", min: 0, max: 3600, optional: true, default: 0 },
          },
        },
      ],
    });
  });
  afterEach(() => h.close());

  it("stores a valid command with its defaults, category, hazard and dictionary version", async () => {
    const answer = await h.post("/api/telecommands", {
      name: "SET_MODE",
      spacecraftId: "demo-1",
      args: { mode: "SAFE" },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      args: { mode: "SAFE", duration: 0 },
      category: "platform",
      hazardous: true,
      dictionaryVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it("answers 422 unknown_command with suggestions, storing nothing and counting it", async () => {
    const answer = await h.post("/api/telecommands", { name: "SET_MOD", spacecraftId: "demo-1" });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: "unknown_command", field: "name", suggestions: ["SET_MODE"] });
    expect(await h.count()).toBe(0);
    expect((await h.request("/api/stats")).body.rejectedSubmissions).toBe(1);
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, "args.mode"],
    [{ mode: "OFF" }, "args.mode"],
    [{ mode: "SAFE", duration: 3601 }, "args.duration"],
    [{ mode: "SAFE", speed: 1 }, "args.speed"],
  ])("answers 422 invalid_argument for %j naming %s", async (args, field) => {
    const answer = await h.post("/api/telecommands", { name: "SET_MODE", spacecraftId: "demo-1", args });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: "invalid_argument", field });
    expect(await h.count()).toBe(0);
  });

  it("accepts any well-formed command for a spacecraft without a dictionary", async () => {
    const answer = await h.post("/api/telecommands", {
      name: "WHATEVER",
      spacecraftId: "sc-1",
      args: { x: 1 },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ category: null, hazardous: false, dictionaryVersion: null });
  });
});
