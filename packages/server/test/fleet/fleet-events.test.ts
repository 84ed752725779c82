import { afterEach, expect, it } from "vitest";
import { SseClient } from "../http/support/sse-client.js";
import { call, describeFleet, telemetryFrame } from "./support.js";

describeFleet("event: spacecraft and event: telemetry on GET /api/events", ({ start }) => {
  const streams: SseClient[] = [];
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  const open = async (url: string, headers: Record<string, string> = {}) => {
    const stream = await SseClient.open(`${url}/api/events`, headers);
    streams.push(stream);
    expect(stream.response.status).toBe(200);
    return stream;
  };

  it("opens with the current state of every spacecraft, then streams registrations, changes and removals", async () => {
    const uplink = await start({ UPLINK_SPACECRAFT: "extra-1" });
    const stream = await open(uplink.url);
    await stream.until((s) => s.spacecraft.length >= 4);
    const opening = stream.spacecraft.slice(0, 4);
    expect(opening.map((e) => e.change)).toEqual(["current", "current", "current", "current"]);
    expect(opening.map((e) => e.spacecraft.id).sort()).toEqual(["demo-1", "demo-2", "extra-1", "sc-1"]);
    // The whole §8 object, as GET /api/spacecraft/:id answers it.
    const demo1 = opening.find((e) => e.spacecraft.id === "demo-1").spacecraft;
    expect(demo1).toEqual((await call(`${uplink.url}/api/spacecraft/demo-1`, "GET")).body);
    expect(stream.all.every((m) => m.id === null || m.event === "telecommand")).toBe(true);

    expect(
      (await call(`${uplink.url}/api/spacecraft`, "POST", { id: "live-1", mission: "Lunar" })).status,
    ).toBe(201);
    await stream.until((s) => s.spacecraft.some((e) => e.change === "registered"));
    const registered = stream.spacecraft.find((e) => e.change === "registered");
    expect(registered.spacecraft).toMatchObject({
      id: "live-1",
      mission: "Lunar",
      health: "unknown",
      queue: "open",
    });

    expect((await call(`${uplink.url}/api/spacecraft/live-1`, "PATCH", { name: "Live One" })).status).toBe(
      200,
    );
    await stream.until((s) => s.spacecraft.some((e) => e.change === "changed"));
    expect(stream.spacecraft.find((e) => e.change === "changed").spacecraft).toMatchObject({
      id: "live-1",
      name: "Live One",
    });

    expect((await call(`${uplink.url}/api/spacecraft/live-1`, "DELETE")).status).toBe(204);
    await stream.until((s) => s.spacecraft.some((e) => e.change === "removed"));
    expect(stream.spacecraft.find((e) => e.change === "removed")).toEqual({
      change: "removed",
      spacecraft: { id: "live-1" },
    });
    // Each change once, in order.
    expect(stream.spacecraft.slice(4).map((e) => e.change)).toEqual(["registered", "changed", "removed"]);
  });

  it("coalesces telemetry to at most one event per spacecraft per second, with the latest values", async () => {
    const uplink = await start({ UPLINK_SPACECRAFT: "tm-1,tm-2" });
    const stream = await open(uplink.url);
    await stream.until((s) => s.spacecraft.length >= 5);
    // A burst of ten frames per spacecraft within about a second and a half.
    for (let seq = 1; seq <= 10; seq++) {
      const answer = await call(`${uplink.url}/api/downlink`, "POST", [
        telemetryFrame("tm-1", seq, { BATT_V: 28 + seq / 10, TEMP_C: 20 }),
        telemetryFrame("tm-2", seq, { BATT_V: 29 }),
      ]);
      expect(answer.status).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await stream.until((s) =>
      s.telemetry.some((e) => e.spacecraftId === "tm-1" && e.parameters.BATT_V.seq === 10),
    );
    const tm1 = stream.telemetry.filter((e) => e.spacecraftId === "tm-1");
    // Ten frames, far fewer events; each one the latest values since the one before.
    expect(tm1.length).toBeLessThan(5);
    expect(tm1[0].parameters.TEMP_C).toMatchObject({ value: 20 });
    const seqs = tm1.map((e) => e.parameters.BATT_V.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(tm1[tm1.length - 1].parameters.BATT_V).toMatchObject({ value: 29, seq: 10 });
    expect(tm1[tm1.length - 1].parameters.BATT_V.time).toMatch(/Z$/);
    // TEMP_C did not move after the first event: later events carry only what moved.
    expect(tm1.slice(1).some((e) => "TEMP_C" in e.parameters && e.parameters.TEMP_C.seq === 1)).toBe(false);
    const arrivals = stream.all
      .filter((m) => m.event === "telemetry" && JSON.parse(m.data).spacecraftId === "tm-1")
      .map((m) => m.at);
    for (let i = 1; i < arrivals.length; i++) {
      const gap = (arrivals[i] as number) - (arrivals[i - 1] as number);
      expect(gap, "time between two telemetry events of one spacecraft").toBeGreaterThanOrEqual(900);
    }
    expect(stream.telemetry.some((e) => e.spacecraftId === "tm-2")).toBe(true);
  });

  it("sends a health change, and a resumed stream opens with the current state too", async () => {
    const uplink = await start({ UPLINK_SPACECRAFT: "hl-1" });
    const stream = await open(uplink.url);
    await call(`${uplink.url}/api/downlink`, "POST", telemetryFrame("hl-1", 1, { MODE: "NOMINAL" }));
    await stream.until((s) =>
      s.spacecraft.some((e) => e.change === "health" && e.spacecraft.health === "nominal"),
    );
    await call(`${uplink.url}/api/downlink`, "POST", telemetryFrame("hl-1", 2, { MODE: "SAFE" }));
    await stream.until((s) =>
      s.spacecraft.some((e) => e.change === "health" && e.spacecraft.health === "safe"),
    );
    const safe = stream.spacecraft.find((e) => e.change === "health" && e.spacecraft.health === "safe");
    expect(safe.spacecraft).toMatchObject({ id: "hl-1", telemetry: { MODE: { value: "SAFE", seq: 2 } } });

    const submitted = await call(`${uplink.url}/api/telecommands`, "POST", { name: "PING" });
    expect(submitted.status).toBe(201);
    await stream.until((s) => s.ids.length >= 1);
    const resumed = await open(uplink.url, { "last-event-id": String(stream.ids[0]) });
    await resumed.until((s) => s.spacecraft.some((e) => e.spacecraft.id === "hl-1"));
    const first = resumed.all[0];
    expect(first?.event).toBe("spacecraft");
    expect(resumed.spacecraft.find((e) => e.spacecraft.id === "hl-1")).toMatchObject({
      change: "current",
      spacecraft: { health: "safe" },
    });
    // Fleet events carry no id: the transitions' resumption is untouched.
    await resumed.until((s) => s.ids.length >= 1);
    expect(resumed.ids[0]).toBe((stream.ids[0] as number) + 1);
  });
});
