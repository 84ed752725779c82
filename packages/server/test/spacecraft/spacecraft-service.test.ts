import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.js";
import { type RunningSpacecraft, startSpacecraftService } from "../../src/spacecraft/spacecraft-service.js";
import { eventually, postJson, tempDir } from "../support/server.js";
import { TEST_TOKENS } from "../support/tokens.js";

const ID = "0193a3c0-0000-7000-8000-000000000001";

describe("the spacecraft HTTP service", () => {
  const frames: Record<string, unknown>[] = [];
  const authorizations: (string | undefined)[] = [];
  let ground: Server;
  let spacecraft: RunningSpacecraft;
  const dir = tempDir("uplink-spacecraft-");

  beforeAll(async () => {
    let refuse = 1;
    ground = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        authorizations.push(req.headers.authorization);
        // The first delivery is refused: the service must retry it.
        if (refuse-- > 0) return res.writeHead(503).end();
        frames.push(...(JSON.parse(body) as Record<string, unknown>[]));
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => ground.listen(0, "127.0.0.1", resolve));
    const groundUrl = `http://127.0.0.1:${(ground.address() as AddressInfo).port}`;
    spacecraft = await startSpacecraftService(
      {
        port: 0,
        host: "127.0.0.1",
        downlinkUrl: `${groundUrl}/api/downlink`,
        ackDelayMaxMs: 0,
        execDelayMaxMs: 0,
        failureRate: 0,
        seed: 1,
        dataDir: dir.path,
        downlinkToken: TEST_TOKENS.downlink,
      },
      createLogger({ level: "silent" }),
    );
  });

  afterAll(async () => {
    await spacecraft.stop(1_000);
    ground.closeAllConnections();
    await new Promise((resolve) => ground.close(resolve));
    dir.dispose();
  });

  it("takes a command once however often it arrives, and reports it to the ground in numbered frames", async () => {
    const command = { id: ID, spacecraftId: "sc-1", name: "PING", args: { n: 1 } };
    expect((await postJson(`${spacecraft.url}/commands`, command)).status).toBe(202);
    expect((await postJson(`${spacecraft.url}/commands`, command)).status).toBe(202);
    await eventually(async () => (frames.length >= 2 ? true : undefined), 10_000);
    expect(frames).toEqual([
      {
        spacecraftId: "sc-1",
        seq: 1,
        time: expect.any(String),
        type: "acceptance",
        commandId: ID,
        success: true,
      },
      {
        spacecraftId: "sc-1",
        seq: 2,
        time: expect.any(String),
        type: "completion",
        commandId: ID,
        success: true,
      },
    ]);
    expect(Number.isNaN(Date.parse(frames[0]?.time as string))).toBe(false);
    // Every delivery, the refused first one too, carries UPLINK_DOWNLINK_TOKEN (SPEC §10).
    expect(authorizations.length).toBeGreaterThanOrEqual(2);
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${TEST_TOKENS.downlink}`]));
    const stats = (await (await fetch(`${spacecraft.url}/stats`)).json()) as Record<string, number>;
    expect(stats).toMatchObject({ received: 1, duplicates: 1, executed: 1, delivered: 2, pending: 0 });
  });

  it("rejects an unknown command name with a failed acceptance report", async () => {
    const id = "0193a3c0-0000-7000-8000-000000000002";
    await postJson(`${spacecraft.url}/commands`, { id, spacecraftId: "sc-1", name: "UNKNOWN_CMD", args: {} });
    await eventually(async () => (frames.some((f) => f.commandId === id) ? true : undefined), 10_000);
    expect(frames.find((f) => f.commandId === id)).toMatchObject({
      type: "acceptance",
      success: false,
      seq: 3,
    });
  });

  it.each([
    [{ spacecraftId: "sc-1", name: "PING", args: {} }, "id"],
    [{ id: ID, spacecraftId: "sc-1", name: "PING", args: [] }, "args"],
    [{ id: ID, spacecraftId: "sc-1", name: "PING", args: {}, extra: 1 }, "extra"],
  ])("answers 400 naming the field for %j", async (body, field) => {
    const response = await fetch(`${spacecraft.url}/commands`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(await response.json())).toContain(field);
  });
});
