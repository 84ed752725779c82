import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { RunningUplink } from "../../src/composition-root.js";
import { createLogger } from "../../src/logging/logger.js";
import { startSpacecraftService } from "../../src/spacecraft/spacecraft-service.js";
import { describePostgres, eventually, freshSchema, startServer, tempDir } from "../support/server.js";
import { call } from "./support.js";

describe("the in-process simulated spacecraft's housekeeping and safe mode", () => {
  let uplink: RunningUplink;
  afterAll(async () => {
    await uplink?.stop();
  });

  it("sends MODE, BATT_V and TEMP_C while in contact, falls into safe mode, and leaves it on RECOVER", async () => {
    uplink = await startServer({
      UPLINK_SPACECRAFT: "hk-1",
      UPLINK_HK_INTERVAL_MS: "100",
      UPLINK_SAFE_MODE_MEAN_MS: "1500",
      UPLINK_FAILURE_RATE: "0",
    });
    const url = uplink.url as string;
    // Never in contact: housekeeping moves on board but is not sent.
    const far = new Date(Date.now() + 365 * 86_400_000);
    const window = `${far.toISOString()}/${new Date(far.getTime() + 60_000).toISOString()}`;
    expect(
      (await call(`${url}/api/spacecraft`, "POST", { id: "hk-far", contacts: `windows:${window}` })).status,
    ).toBe(201);

    // Served by a gateway of its own: the in-process spacecraft does not play it.
    const remote = await call(`${url}/api/spacecraft`, "POST", {
      id: "hk-remote",
      uplinkUrl: "http://127.0.0.1:9/",
    });
    expect(remote.status).toBe(201);

    const safe = await eventually(async () => {
      const { body } = await call(`${url}/api/spacecraft/hk-1`, "GET");
      return body.health === "safe" ? body : undefined;
    }, 20_000);
    expect(Object.keys(safe.telemetry).sort()).toEqual(["BATT_V", "MODE", "TEMP_C"]);
    expect(safe.telemetry.MODE.value).toBe("SAFE");
    expect(typeof safe.telemetry.BATT_V.value).toBe("number");

    const submitted = await call(`${url}/api/telecommands`, "POST", {
      name: "RECOVER",
      spacecraftId: "hk-1",
    });
    expect(submitted.status).toBe(201);
    const executed = await eventually(async () => {
      const { body } = await call(`${url}/api/telecommands/${submitted.body.id}`, "GET");
      return body.status === "executed" ? body : undefined;
    }, 10_000);
    // The spacecraft says NOMINAL with the report (it may fall again later: look at the history).
    const modes = await eventually(async () => {
      const { body } = await call(
        `${url}/api/spacecraft/hk-1/telemetry?name=MODE&from=${encodeURIComponent(executed.transmittedAt)}`,
        "GET",
      );
      return body.items.some((i: { value: string }) => i.value === "NOMINAL") ? body.items : undefined;
    }, 10_000);
    expect(modes.length).toBeGreaterThan(0);

    for (const id of ["hk-far", "hk-remote"]) {
      const quiet = await call(`${url}/api/spacecraft/${id}`, "GET");
      expect(quiet.body, id).toMatchObject({ health: "unknown", telemetry: {}, lastFrameAt: null });
    }
  });
});

describePostgres("an API process's housekeeping", () => {
  it("sends none: the simulated spacecraft is played by the sender or `uplink spacecraft`", async () => {
    const schema = await freshSchema();
    const api = await startServer(
      { DATABASE_URL: schema.databaseUrl, UPLINK_SPACECRAFT: "hk-api", UPLINK_HK_INTERVAL_MS: "50" },
      ["--role", "api"],
    );
    try {
      // Ten periods: the in-process spacecraft of `--role all` has sent by then (see above).
      await new Promise((resolve) => setTimeout(resolve, 500));
      const quiet = await call(`${api.url}/api/spacecraft/hk-api`, "GET");
      expect(quiet.status).toBe(200);
      expect(quiet.body).toMatchObject({ health: "unknown", telemetry: {}, lastFrameAt: null });
    } finally {
      await api.stop();
      await schema.dispose();
    }
  });
});

describe("the spacecraft HTTP service's housekeeping", () => {
  it("sends housekeeping for sc-1, the configured spacecraft and those it had commands for", async () => {
    const frames: { spacecraftId: string; type: string; parameters?: Record<string, unknown> }[] = [];
    const ground: Server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        frames.push(...JSON.parse(body));
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => ground.listen(0, "127.0.0.1", resolve));
    const dir = tempDir("uplink-spacecraft-hk-");
    const spacecraft = await startSpacecraftService(
      {
        port: 0,
        host: "127.0.0.1",
        downlinkUrl: `http://127.0.0.1:${(ground.address() as AddressInfo).port}/api/downlink`,
        ackDelayMaxMs: 0,
        execDelayMaxMs: 0,
        failureRate: 0,
        seed: 3,
        dataDir: dir.path,
        hkIntervalMs: 100,
        safeModeMeanMs: 0,
        spacecraft: ["conf-1"],
      },
      createLogger({ level: "silent" }),
    );
    try {
      const command = {
        id: "0193a3c0-0000-7000-8000-0000000000aa",
        spacecraftId: "cmd-1",
        name: "PING",
        args: {},
      };
      const answer = await fetch(`${spacecraft.url}/commands`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(command),
      });
      expect(answer.status).toBe(202);
      await eventually(async () => {
        const ids = new Set(frames.filter((f) => f.type === "telemetry").map((f) => f.spacecraftId));
        return ids.has("sc-1") && ids.has("conf-1") && ids.has("cmd-1") ? true : undefined;
      }, 10_000);
      const hk = frames.find((f) => f.type === "telemetry");
      expect(Object.keys(hk?.parameters ?? {})).toEqual(["MODE", "BATT_V", "TEMP_C"]);
      expect(
        frames.filter((f) => f.type === "telemetry").every((f) => f.parameters?.MODE === "NOMINAL"),
      ).toBe(true);
    } finally {
      await spacecraft.stop(1_000);
      ground.closeAllConnections();
      await new Promise((resolve) => ground.close(resolve));
      dir.dispose();
    }
  });
});
