import { InMemoryTelemetryArchive, ManualClock } from "@uplink/core";
import { expect, it } from "vitest";
import { startTelemetryPruner } from "../../src/composition/telemetry-pruner.js";
import { call, describeFleet } from "./support.js";

const T = Date.parse("2030-01-01T00:00:00Z");
const at = (s: number) => new Date(T + s * 1_000).toISOString();
const hk = (seq: number, parameters: Record<string, unknown>, spacecraftId = "sc-1") => ({
  spacecraftId,
  seq,
  time: at(seq),
  type: "telemetry",
  parameters,
});

describeFleet("telemetry", ({ start }) => {
  it("keeps each parameter's latest value by seq, whatever the arrival order, and its history", async () => {
    const { url } = await start();
    const post = async (frames: unknown) =>
      expect((await call(`${url}/api/downlink`, "POST", frames)).status).toBe(202);
    await post([hk(3, { BATT_V: 27.5, MODE: "NOMINAL" }), hk(1, { BATT_V: 28.5 })]);
    await post(hk(2, { BATT_V: 28, HEATER: true }));
    const latest = await call(`${url}/api/spacecraft/sc-1/telemetry`, "GET");
    expect(latest.status).toBe(200);
    expect(latest.body.items).toEqual([
      { name: "BATT_V", value: 27.5, time: at(3), seq: 3 },
      { name: "HEATER", value: true, time: at(2), seq: 2 },
      { name: "MODE", value: "NOMINAL", time: at(3), seq: 3 },
    ]);
    const wire = (await call(`${url}/api/spacecraft/sc-1`, "GET")).body;
    expect(wire.telemetry).toEqual({
      BATT_V: { value: 27.5, time: at(3), seq: 3 },
      HEATER: { value: true, time: at(2), seq: 2 },
      MODE: { value: "NOMINAL", time: at(3), seq: 3 },
    });
    const history = await call(`${url}/api/spacecraft/sc-1/telemetry?name=BATT_V`, "GET");
    expect(history.body.items.map((p: { value: number }) => p.value)).toEqual([28.5, 28, 27.5]);
    const range = await call(
      `${url}/api/spacecraft/sc-1/telemetry?name=BATT_V&from=${at(2)}&to=${at(3)}`,
      "GET",
    );
    expect(range.body.items.map((p: { seq: number }) => p.seq)).toEqual([2, 3]);
    const none = await call(`${url}/api/spacecraft/sc-1/telemetry?name=NOPE`, "GET");
    expect(none.body.items).toEqual([]);
  });

  it("refuses non-scalar values naming the field, storing nothing; 404 for an unregistered spacecraft", async () => {
    const { url } = await start();
    for (const value of [{ a: 1 }, [1, 2], null]) {
      const refused = await call(`${url}/api/downlink`, "POST", [hk(1, { OK: 1 }), hk(2, { BAD: value })]);
      expect(refused.status).toBe(400);
      expect(refused.body.field).toMatch(/parameters\.BAD$/);
    }
    expect((await call(`${url}/api/spacecraft/sc-1/telemetry`, "GET")).body.items).toEqual([]);
    expect((await call(`${url}/api/spacecraft/ghost/telemetry`, "GET")).status).toBe(404);
    for (const [query, field] of [
      [`from=${at(1)}`, "name"],
      [`name=V&from=${at(2)}&to=${at(1)}`, "to"],
      ["name=V&from=yesterday", "from"],
      ["name=V&limit=0", "limit"],
    ] as const) {
      const bad = await call(`${url}/api/spacecraft/sc-1/telemetry?${query}`, "GET");
      expect(bad.status, query).toBe(400);
      expect(bad.body.field, query).toBe(field);
    }
  });
});

it("prunes telemetry history past the retention at start and then periodically", () => {
  const archive = new InMemoryTelemetryArchive();
  const clock = new ManualClock(T + 10_000);
  archive.record(
    [1, 2, 9].map((s) => ({ spacecraftId: "a", name: "V", value: s, time: T + s * 1_000, seq: s })),
  );
  const stop = startTelemetryPruner(archive, clock, 5_000, (e) => {
    throw e;
  });
  stop();
  expect(archive.history({ spacecraftId: "a", name: "V", limit: 10 }).map((p) => p.seq)).toEqual([9]);
});
