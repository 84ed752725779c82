import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpUplink } from "../../../src/adapters/http/http-uplink.js";

const COMMAND = {
  id: "0193a3c0-0000-7000-8000-000000000001",
  spacecraftId: "sc-1",
  name: "PING",
  args: { n: 1 },
};

let server: Server | null = null;

async function serve(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<string> {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const running = server;
  server = null;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

describe("HttpUplink", () => {
  it("POSTs {id, spacecraftId, name, args} as JSON to {url}/commands and takes any 2xx", async () => {
    const received: {
      method: string | undefined;
      url: string | undefined;
      type: string | undefined;
      body: unknown;
    }[] = [];
    const url = await serve((req, body, res) => {
      received.push({
        method: req.method,
        url: req.url,
        type: req.headers["content-type"],
        body: JSON.parse(body),
      });
      res.writeHead(202).end();
    });
    const uplink = new HttpUplink({ baseUrl: `${url}/`, timeoutMs: 2000 });
    expect(await uplink.send(COMMAND)).toEqual({ ok: true });
    expect(received).toEqual([{ method: "POST", url: "/commands", type: "application/json", body: COMMAND }]);
  });

  it.each([400, 404, 500, 503])("refuses when the spacecraft answers %i", async (status) => {
    const url = await serve((_req, _body, res) => res.writeHead(status).end("no"));
    const result = await new HttpUplink({ baseUrl: url, timeoutMs: 2000 }).send(COMMAND);
    expect(result).toEqual({ ok: false, reason: `spacecraft answered ${status}` });
  });

  it("refuses when no answer comes within the link timeout", async () => {
    const url = await serve(() => {
      // Never answers.
    });
    const started = Date.now();
    const result = await new HttpUplink({ baseUrl: url, timeoutMs: 100 }).send(COMMAND);
    expect(result).toEqual({ ok: false, reason: "no answer within 100 ms" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses when nothing listens", async () => {
    const url = await serve((_req, _body, res) => res.end());
    const running = server;
    server = null;
    await new Promise((resolve) => running?.close(resolve));
    const result = await new HttpUplink({ baseUrl: url, timeoutMs: 2000 }).send(COMMAND);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^link unreachable: /);
  });
});
