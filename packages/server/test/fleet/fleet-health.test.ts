import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEALTH_LIMITS } from "../../src/composition/tokens.js";
import type { RunningUplink } from "../../src/composition-root.js";
import { eventually, startServer } from "../support/server.js";
import { call, telemetryFrame } from "./support.js";

describe("health on the wire", () => {
  let uplink: RunningUplink;
  let url: string;

  beforeAll(async () => {
    // A dictionary's limits plug in as a LimitSource: BATT_V within 24–33 V.
    uplink = await startServer({ UPLINK_SPACECRAFT: "safe-1,deg-1,quiet-1" }, [], {
      register: (c) =>
        c.register(HEALTH_LIMITS, {
          useValue: (_: unknown, name: string) => (name === "BATT_V" ? { min: 24, max: 33 } : null),
        }),
    });
    url = uplink.url as string;
  });

  afterAll(async () => {
    await uplink?.stop();
  });

  const health = async (id: string) => (await call(`${url}/api/spacecraft/${id}`, "GET")).body.health;

  it("derives unknown, safe, degraded, nominal and silent, and filters the fleet by it", async () => {
    expect(await health("safe-1")).toBe("unknown");
    await call(`${url}/api/downlink`, "POST", [
      telemetryFrame("safe-1", 1, { MODE: "SAFE", BATT_V: 28 }),
      telemetryFrame("deg-1", 1, { MODE: "NOMINAL", BATT_V: 22.5 }),
      telemetryFrame("quiet-1", 1, { MODE: "NOMINAL", BATT_V: 28 }),
    ]);
    expect(await health("safe-1")).toBe("safe");
    expect(await health("deg-1")).toBe("degraded");
    expect(await health("quiet-1")).toBe("nominal");
    // A pass that began after its last frame, and has ended: nothing came during it.
    const lastFrameAt = Date.parse((await call(`${url}/api/spacecraft/quiet-1`, "GET")).body.lastFrameAt);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const window = `${new Date(lastFrameAt + 100).toISOString()}/${new Date(lastFrameAt + 200).toISOString()}`;
    expect(
      (await call(`${url}/api/spacecraft/quiet-1`, "PATCH", { contacts: `windows:${window}` })).status,
    ).toBe(200);
    // The process takes its fleet's new plan at once, but after the PATCH has answered.
    expect(
      await eventually(async () => ((await health("quiet-1")) === "silent" ? "silent" : undefined), 5_000),
    ).toBe("silent");
    const safe = await call(`${url}/api/spacecraft?health=safe`, "GET");
    expect(safe.body.items.map((s: { id: string }) => s.id)).toEqual(["safe-1"]);
    // SAFE mode left: a newer frame says NOMINAL.
    await call(`${url}/api/downlink`, "POST", telemetryFrame("safe-1", 2, { MODE: "NOMINAL" }));
    expect(await health("safe-1")).toBe("nominal");
  });
});
