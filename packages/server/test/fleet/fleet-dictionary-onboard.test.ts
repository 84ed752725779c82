import type { SimulatedSpacecraft } from "@uplink/sim";
import { expect, it } from "vitest";
import { SIMULATED_SPACECRAFT } from "../../src/composition/tokens.js";
import { eventually } from "../support/server.js";
import { call, describeFleet } from "./support.js";

/** A contact window opening `inMs` from now, for a minute. */
function windowIn(inMs: number): string {
  const start = Date.now() + inMs;
  return `windows:${new Date(start).toISOString()}/${new Date(start + 60_000).toISOString()}`;
}

const LUNAR = {
  mission: "lunar",
  commands: [
    { name: "PING", category: "platform" },
    { name: "DEPLOY_ARRAY", category: "power" },
  ],
};

describeFleet("the simulated spacecraft's dictionary and inhibits, end to end", ({ start }) => {
  it("fails a queued command `inhibited` at its window, without sending it, once its category is inhibited", async () => {
    const uplink = await start({ UPLINK_FAILURE_RATE: "0" });
    const url = uplink.url;
    expect((await call(`${url}/api/missions/lunar/dictionary`, "PUT", LUNAR)).status).toBe(200);
    const registered = await call(`${url}/api/spacecraft`, "POST", {
      id: "inh-1",
      mission: "lunar",
      contacts: windowIn(4_000),
    });
    expect(registered.status).toBe(201);
    const queued = await call(`${url}/api/telecommands`, "POST", {
      name: "DEPLOY_ARRAY",
      spacecraftId: "inh-1",
    });
    const other = await call(`${url}/api/telecommands`, "POST", { name: "PING", spacecraftId: "inh-1" });
    expect([queued.status, other.status]).toEqual([201, 201]);
    expect(queued.body).toMatchObject({ status: "ready", category: "power" });
    expect(
      (await call(`${url}/api/spacecraft/inh-1/inhibits`, "PUT", { categories: ["power"], commands: [] }))
        .status,
    ).toBe(200);
    const failed = await eventually(async () => {
      const { body } = await call(`${url}/api/telecommands/${queued.body.id}`, "GET");
      return body.status === "failed" ? body : undefined;
    }, 20_000);
    expect(failed).toMatchObject({ failureReason: "inhibited", transmittedAt: null });
    const history = (await call(`${url}/api/telecommands/${queued.body.id}/history`, "GET")).body.items;
    expect(history.map((e: { to: string }) => e.to)).toEqual(["ready", "failed"]);
    // The other one, not inhibited, goes in the same window.
    await eventually(async () => {
      const { body } = await call(`${url}/api/telecommands/${other.body.id}`, "GET");
      return body.status === "executed" ? true : undefined;
    }, 20_000);
    const spacecraft = uplink.container?.resolve<SimulatedSpacecraft>(SIMULATED_SPACECRAFT);
    expect(spacecraft?.hasReceived(queued.body.id)).toBe(false);
    expect(spacecraft?.hasReceived(other.body.id)).toBe(true);
  });

  it("has the spacecraft reject a command its mission's dictionary no longer knows", async () => {
    const uplink = await start({ UPLINK_FAILURE_RATE: "0" });
    const url = uplink.url;
    expect((await call(`${url}/api/missions/lunar/dictionary`, "PUT", LUNAR)).status).toBe(200);
    expect(
      (
        await call(`${url}/api/spacecraft`, "POST", {
          id: "dict-1",
          mission: "lunar",
          contacts: windowIn(6_000),
        })
      ).status,
    ).toBe(201);
    const queued = await call(`${url}/api/telecommands`, "POST", {
      name: "DEPLOY_ARRAY",
      spacecraftId: "dict-1",
    });
    expect(queued.status).toBe(201);
    // The mission drops the command; the spacecraft's software follows its dictionary.
    const without = { ...LUNAR, commands: LUNAR.commands.filter((c) => c.name !== "DEPLOY_ARRAY") };
    expect((await call(`${url}/api/missions/lunar/dictionary`, "PUT", without)).status).toBe(200);
    const failed = await eventually(async () => {
      const { body } = await call(`${url}/api/telecommands/${queued.body.id}`, "GET");
      return body.status === "failed" ? body : undefined;
    }, 20_000);
    expect(failed.failureReason).toBe("rejected");
    expect(failed.transmittedAt).not.toBeNull();
    // sc-1 has no dictionary: any well-formed name is executed, as before.
    const free = await call(`${url}/api/telecommands`, "POST", {
      name: "ANYTHING_GOES",
      spacecraftId: "sc-1",
    });
    await eventually(async () => {
      const { body } = await call(`${url}/api/telecommands/${free.body.id}`, "GET");
      return body.status === "executed" ? true : undefined;
    }, 20_000);
  });

  it("makes a spacecraft degraded when a value breaks its mission dictionary's limits", async () => {
    const uplink = await start();
    const url = uplink.url;
    const frame = (seq: number, parameters: Record<string, unknown>) => ({
      spacecraftId: "demo-1",
      seq,
      time: new Date().toISOString(),
      type: "telemetry",
      parameters,
    });
    // The bundled demo dictionary: BATT_V from 24 to 33 V.
    expect(
      (await call(`${url}/api/downlink`, "POST", frame(1, { MODE: "NOMINAL", BATT_V: 22.5 }))).status,
    ).toBe(202);
    expect(
      await eventually(async () => {
        const { body } = await call(`${url}/api/spacecraft/demo-1`, "GET");
        return body.health === "degraded" ? body.health : undefined;
      }, 10_000),
    ).toBe("degraded");
    await call(`${url}/api/downlink`, "POST", frame(2, { BATT_V: 28 }));
    expect((await call(`${url}/api/spacecraft/demo-1`, "GET")).body.health).toBe("nominal");
    // sc-1 has no dictionary: no limits.
    await call(`${url}/api/downlink`, "POST", { ...frame(1, { BATT_V: 5 }), spacecraftId: "sc-1" });
    expect((await call(`${url}/api/spacecraft/sc-1`, "GET")).body.health).toBe("nominal");
  });
});
