import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { UPLINK, type Uplink, type UplinkCommand } from "@uplink/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningUplink } from "../../src/composition-root.js";
import { eventually, postJson, startServer } from "../support/server.js";
import { bearer } from "../support/tokens.js";

interface Wire {
  id: string;
  status: string;
  failureReason: string | null;
}

async function command(url: string, id: string): Promise<Wire> {
  return (await (await fetch(`${url}/api/telecommands/${id}`, { headers: bearer() })).json()) as Wire;
}

async function finalOf(url: string, id: string): Promise<Wire> {
  return eventually(async () => {
    const c = await command(url, id);
    return c.status === "executed" || c.status === "failed" ? c : undefined;
  }, 20_000);
}

describe("startUplink on the embedded database", () => {
  const sent: UplinkCommand[] = [];
  let uplink: RunningUplink;

  beforeAll(async () => {
    // A mission's own gateway replaces the simulated spacecraft through the register hook.
    const gateway: Uplink = {
      async send(c) {
        sent.push(c);
        return c.name === "JAM" ? { ok: false, reason: "carrier lost" } : { ok: true };
      },
    };
    uplink = await startServer({}, [], { register: (c) => c.register(UPLINK, { useValue: gateway }) });
  });

  afterAll(async () => {
    await uplink?.stop();
  });

  it("serves the API, is ready, and sends submitted commands over the configured uplink", async () => {
    const url = uplink.url as string;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const demo = (await (
      await fetch(`${url}/api/missions/demo/dictionary`, { headers: bearer() })
    ).json()) as Wire;
    expect(demo).toMatchObject({ mission: "demo", version: expect.stringMatching(/^[0-9a-f]{16}$/) });
    // The demo fleet's spacecraft are checked against the bundled dictionary; sc-1 has none.
    const typo = await postJson(`${url}/api/telecommands`, { name: "SET_MODEE", spacecraftId: "demo-1" });
    expect(typo.status).toBe(422);
    expect(typo.body).toMatchObject({
      code: "unknown_command",
      suggestions: expect.arrayContaining(["SET_MODE"]),
    });
    const mode = await postJson(`${url}/api/telecommands`, {
      name: "SET_MODE",
      spacecraftId: "demo-1",
      args: { mode: "SAFE" },
    });
    expect(mode.status).toBe(201);
    expect(mode.body).toMatchObject({
      args: { mode: "SAFE", duration: 0 },
      category: "platform",
      hazardous: false,
    });
    const { status, body } = await postJson(`${url}/api/telecommands`, { name: "PING", args: { n: 1 } });
    expect(status).toBe(201);
    const id = (body as Wire).id;
    await eventually(async () => ((await command(url, id)).status === "transmitted" ? true : undefined));
    // demo-1's SET_MODE leaves too when the test runs inside one of demo-1's passes.
    expect(sent.filter((s) => s.spacecraftId === "sc-1")).toEqual([
      { id, spacecraftId: "sc-1", name: "PING", args: { n: 1 } },
    ]);
  });

  it("fails a command the link refuses with link_error", async () => {
    const url = uplink.url as string;
    const { body } = await postJson(`${url}/api/telecommands`, { name: "JAM" });
    expect(await finalOf(url, (body as Wire).id)).toMatchObject({
      status: "failed",
      failureReason: "link_error",
    });
  });

  it("sends nothing to a held queue nor of a held command until they are released (SPEC §10)", async () => {
    const url = uplink.url as string;
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    expect((await postJson(`${url}/api/spacecraft/sc-1/queue`, { state: "held" })).status).toBe(200);
    const queued = (await postJson(`${url}/api/telecommands`, { name: "QUEUED_BEHIND_HOLD" })).body as Wire;
    const mine = (await postJson(`${url}/api/telecommands`, { name: "HELD_BY_OPERATOR" })).body as Wire;
    expect((await postJson(`${url}/api/telecommands/${mine.id}/hold`, {})).status).toBe(200);
    await wait(1_500);
    expect(sent.map((c) => c.id)).not.toContain(queued.id);
    expect((await command(url, queued.id)).status).toBe("ready");
    expect((await postJson(`${url}/api/spacecraft/sc-1/queue`, { state: "open" })).status).toBe(200);
    await eventually(async () => (sent.some((c) => c.id === queued.id) ? true : undefined), 20_000);
    await wait(1_500);
    expect(sent.map((c) => c.id)).not.toContain(mine.id);
    expect((await postJson(`${url}/api/telecommands/${mine.id}/release`, {})).status).toBe(200);
    await eventually(async () => (sent.some((c) => c.id === mine.id) ? true : undefined), 20_000);
  });
});

describe("startUplink with UPLINK_SPACECRAFT_URL", () => {
  let spacecraft: Server;
  let uplink: RunningUplink;
  const posted: unknown[] = [];

  beforeAll(async () => {
    spacecraft = createServer((req, res) => {
      let text = "";
      req.on("data", (chunk) => {
        text += chunk;
      });
      req.on("end", () => {
        posted.push({ path: req.url, body: JSON.parse(text) });
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => spacecraft.listen(0, "127.0.0.1", resolve));
    const port = (spacecraft.address() as AddressInfo).port;
    uplink = await startServer({
      UPLINK_SPACECRAFT_URL: `http://127.0.0.1:${port}`,
      UPLINK_SPACECRAFT: "sc-7",
    });
  });

  afterAll(async () => {
    await uplink?.stop();
    spacecraft.closeAllConnections();
    await new Promise((resolve) => spacecraft.close(resolve));
  });

  it("POSTs each command to {url}/commands and fails it link_error on a non-2xx", async () => {
    const url = uplink.url as string;
    const { body } = await postJson(`${url}/api/telecommands`, { name: "PING", spacecraftId: "sc-7" });
    const id = (body as Wire).id;
    expect(await finalOf(url, id)).toMatchObject({ status: "failed", failureReason: "link_error" });
    expect(posted).toEqual([
      { path: "/commands", body: { id, spacecraftId: "sc-7", name: "PING", args: {} } },
    ]);
  });
});
