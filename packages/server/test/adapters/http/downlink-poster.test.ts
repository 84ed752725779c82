import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DownlinkFrame } from "@uplink/core";
import { afterEach, describe, expect, it } from "vitest";
import { DownlinkPoster } from "../../../src/adapters/http/downlink-poster.js";
import { SystemClock } from "../../../src/adapters/node/system-clock.js";

let server: Server | null = null;

/** A ground that answers each POST with the next status of `statuses` (then 202), keeping what it took. */
async function ground(statuses: number[]): Promise<{ url: string; taken: Record<string, unknown>[][] }> {
  const taken: Record<string, unknown>[][] = [];
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const status = statuses.shift() ?? 202;
      if (status >= 200 && status < 300) taken.push(JSON.parse(body));
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/downlink`, taken };
}

afterEach(async () => {
  const running = server;
  server = null;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

const T0 = Date.parse("2030-01-01T00:00:00Z");
const frame = (seq: number): DownlinkFrame => ({
  spacecraftId: "sc-1",
  seq,
  time: T0 + seq,
  type: "acceptance",
  commandId: `c-${seq}`,
  success: true,
});

describe("DownlinkPoster", () => {
  it("POSTs frames as arrays, in order, with RFC 3339 times", async () => {
    const { url, taken } = await ground([]);
    const poster = new DownlinkPoster({ url, clock: new SystemClock(), batchMax: 2 });
    for (let seq = 1; seq <= 5; seq++) poster.post(frame(seq));
    await poster.flush();
    expect(taken.flat().map((f) => f.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(taken.every((batch) => batch.length <= 2)).toBe(true);
    expect(taken[0]?.[0]).toEqual({ ...frame(1), time: "2030-01-01T00:00:00.001Z" });
    expect(poster.delivered).toBe(5);
    expect(poster.pending).toBe(0);
  });

  it("keeps each POST under the byte limit", async () => {
    const { url, taken } = await ground([]);
    const poster = new DownlinkPoster({ url, clock: new SystemClock(), batchMaxBytes: 400 });
    for (let seq = 1; seq <= 10; seq++) poster.post(frame(seq));
    await poster.flush();
    expect(taken.flat().map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(taken.length).toBeGreaterThan(2);
    expect(taken.every((batch) => JSON.stringify(batch).length <= 400)).toBe(true);
  });

  it("retries a refused batch until the ground answers 2xx, losing nothing", async () => {
    const { url, taken } = await ground([503, 500, 400]);
    const retries: string[] = [];
    const poster = new DownlinkPoster({
      url,
      clock: new SystemClock(),
      retryMinMs: 5,
      onRetry: (reason) => retries.push(reason),
    });
    poster.post(frame(1));
    poster.post(frame(2));
    await poster.flush();
    expect(retries).toEqual(["ground answered 503", "ground answered 500", "ground answered 400"]);
    expect(taken.flat().map((f) => f.seq)).toEqual([1, 2]);
  });

  it("keeps retrying while the ground is unreachable, then delivers", async () => {
    const { url, taken } = await ground([]);
    const port = Number(new URL(url).port);
    const running = server;
    await new Promise((resolve) => running?.close(resolve));
    const retries: string[] = [];
    const poster = new DownlinkPoster({
      url,
      clock: new SystemClock(),
      retryMinMs: 10,
      onRetry: (r) => retries.push(r),
    });
    poster.post(frame(1));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(retries.length).toBeGreaterThan(0);
    expect(poster.pending).toBe(1);
    await new Promise<void>((resolve) => running?.listen(port, "127.0.0.1", resolve));
    await poster.flush();
    expect(taken.flat().map((f) => f.seq)).toEqual([1]);
  });

  it("stops without waiting out a retry, keeping the frame queued", async () => {
    const { url } = await ground([503]);
    const poster = new DownlinkPoster({ url, clock: new SystemClock(), retryMinMs: 60_000 });
    poster.post(frame(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await poster.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(poster.pending).toBe(1);
  });
});
