import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningUplink } from "../../src/composition-root.js";
import { eventually, startServer } from "../support/server.js";
import { call } from "./support.js";

describe("a spacecraft's own contacts and uplink URL", () => {
  let uplink: RunningUplink;
  let url: string;
  let gateway: Server;
  const posted: { path: string | undefined; body: { spacecraftId: string; name: string } }[] = [];

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let text = "";
      req.on("data", (chunk) => {
        text += chunk;
      });
      req.on("end", () => {
        posted.push({ path: req.url, body: JSON.parse(text) });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
    uplink = await startServer();
    url = uplink.url as string;
  });

  afterAll(async () => {
    await uplink?.stop();
    gateway.closeAllConnections();
    await new Promise((resolve) => gateway.close(resolve));
  });

  it("keeps a spacecraft's commands for its own passes, while sc-1 follows UPLINK_CONTACTS (always)", async () => {
    const window = { start: "2099-01-01T00:00:00.000Z", end: "2099-01-01T00:10:00.000Z" };
    const registered = await call(`${url}/api/spacecraft`, "POST", {
      id: "far",
      contacts: `windows:${window.start}/${window.end}`,
    });
    expect(registered.status).toBe(201);
    const contacts = await call(`${url}/api/contacts?spacecraftId=far`, "GET");
    expect(JSON.stringify(contacts.body)).toContain(window.start);
    const waiting = await call(`${url}/api/telecommands`, "POST", { name: "PING", spacecraftId: "far" });
    const sent = await call(`${url}/api/telecommands`, "POST", { name: "PING" });
    await eventually(async () => {
      const c = await call(`${url}/api/telecommands/${sent.body.id}`, "GET");
      return c.body.status === "executed" || c.body.status === "failed" ? true : undefined;
    }, 20_000);
    expect((await call(`${url}/api/telecommands/${waiting.body.id}`, "GET")).body.status).toBe("ready");
    // Given an open plan, it goes at once.
    await call(`${url}/api/spacecraft/far`, "PATCH", { contacts: "always" });
    await eventually(async () => {
      const c = await call(`${url}/api/telecommands/${waiting.body.id}`, "GET");
      return c.body.status === "ready" ? undefined : true;
    }, 20_000);
  });

  it("sends a spacecraft's commands to its own uplink URL", async () => {
    const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
    expect(
      (await call(`${url}/api/spacecraft`, "POST", { id: "remote", uplinkUrl: gatewayUrl })).status,
    ).toBe(201);
    const submitted = await call(`${url}/api/telecommands`, "POST", {
      name: "HELLO",
      spacecraftId: "remote",
    });
    expect(submitted.status).toBe(201);
    await eventually(async () => (posted.length > 0 ? true : undefined), 20_000);
    expect(posted).toEqual([
      { path: "/commands", body: { id: submitted.body.id, spacecraftId: "remote", name: "HELLO", args: {} } },
    ]);
    expect((await call(`${url}/api/telecommands/${submitted.body.id}`, "GET")).body.status).toBe(
      "transmitted",
    );
  });
});
