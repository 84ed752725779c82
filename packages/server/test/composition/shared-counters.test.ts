import { afterAll, describe, expect, it } from "vitest";
import type { RunningUplink } from "../../src/composition-root.js";
import { describePostgres, freshSchema, startServer, type TestSchema, tempDir } from "../support/server.js";
import { bearer } from "../support/tokens.js";

interface Stats {
  readonly rejectedSubmissions: number;
  readonly duplicateSubmissions: number;
  readonly total: number;
}

async function stats(uplink: RunningUplink): Promise<Stats> {
  return (await (await fetch(`${uplink.url}/api/stats`, { headers: bearer() })).json()) as Stats;
}

async function submit(uplink: RunningUplink, body: string, key?: string): Promise<number> {
  const response = await fetch(`${uplink.url}/api/telecommands`, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(), ...(key ? { "idempotency-key": key } : {}) },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** Refusals by the HTTP schema and by the body's framing, and idempotent repeats, over two processes. */
async function countSomeSubmissions(a: RunningUplink, b: RunningUplink): Promise<void> {
  expect(await submit(a, JSON.stringify({ name: "" }))).toBe(400);
  expect(await submit(b, "{")).toBe(400);
  expect(await submit(b, JSON.stringify({ name: "PING", colour: "red" }))).toBe(400);
  expect(await submit(a, JSON.stringify({ name: "PING" }), "k-1")).toBe(201);
  expect(await submit(b, JSON.stringify({ name: "PING" }), "k-1")).toBe(200);
  expect(await submit(a, JSON.stringify({ name: "PING" }), "k-1")).toBe(200);
}

const EXPECTED = { rejectedSubmissions: 3, duplicateSubmissions: 2, total: 1 };

describePostgres("refused and duplicate submissions across API processes on PostgreSQL", () => {
  let schema: TestSchema | null = null;
  const running: RunningUplink[] = [];
  afterAll(async () => {
    await Promise.all(running.map((u) => u.stop()));
    await schema?.dispose();
  });

  it("are the same from every process and survive a restart", async () => {
    schema = await freshSchema();
    const env = { DATABASE_URL: schema.databaseUrl };
    const a = await startServer(env, ["--role", "api"]);
    const b = await startServer(env, ["--role", "api"]);
    running.push(a, b);
    await countSomeSubmissions(a, b);
    expect(await stats(a)).toMatchObject(EXPECTED);
    expect(await stats(b)).toMatchObject(EXPECTED);

    await a.stop();
    await b.stop();
    running.length = 0;
    const c = await startServer(env, ["--role", "api"]);
    running.push(c);
    expect(await stats(c)).toMatchObject(EXPECTED);
  });
});

describe("refused and duplicate submissions on the embedded database", () => {
  const dir = tempDir();
  afterAll(() => dir.dispose());

  it("survive a restart", async () => {
    const env = { UPLINK_DATA_DIR: dir.path };
    const first = await startServer(env);
    try {
      await countSomeSubmissions(first, first);
      expect(await stats(first)).toMatchObject(EXPECTED);
    } finally {
      await first.stop();
    }
    const second = await startServer(env);
    try {
      expect(await stats(second)).toMatchObject(EXPECTED);
    } finally {
      await second.stop();
    }
  });
});
