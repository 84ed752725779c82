import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";
import type { HttpHarness } from "./support/http-harness.js";

const T = "2030-01-01T00:00:00Z";

async function transmitted(h: HttpHarness): Promise<string> {
  const { body } = await h.post("/api/telecommands", { name: "PING" });
  await h.service.apply(body.id, { type: "TRANSMIT" }, "sender");
  return body.id;
}

describeHttp("POST /api/downlink", ({ start }) => {
  it("takes one frame with 202 and applies its report", async () => {
    const h = await start();
    const id = await transmitted(h);
    const res = await h.post("/api/downlink", {
      spacecraftId: "sc-1",
      seq: 1,
      time: T,
      type: "acceptance",
      commandId: id,
      success: true,
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ received: 1, accepted: 1, duplicates: 0, conflicts: 0 });
    expect((await h.repository.get(id))?.status).toBe("acknowledged");
  });

  it("takes an array of frames in any order and applies them in seq order", async () => {
    const h = await start();
    const id = await transmitted(h);
    const res = await h.post("/api/downlink", [
      { spacecraftId: "sc-1", seq: 2, time: T, type: "completion", commandId: id, success: true },
      { spacecraftId: "sc-1", seq: 1, time: T, type: "acceptance", commandId: id, success: true },
      {
        spacecraftId: "sc-1",
        seq: 3,
        time: T,
        type: "telemetry",
        parameters: { BATT_V: 28.1, MODE: "nominal" },
      },
    ]);
    expect(res.status).toBe(202);
    expect(res.body.received).toBe(3);
    const command = await h.repository.get(id);
    expect(command?.status).toBe("executed");
    const history = await h.repository.history(id);
    expect(history.map((e) => e.to)).toEqual(["ready", "transmitted", "acknowledged", "executed"]);
  });

  it("answers duplicates and stale frames with 2xx and counts them", async () => {
    const h = await start();
    const id = await transmitted(h);
    const frame = { spacecraftId: "sc-1", seq: 1, time: T, type: "acceptance", commandId: id, success: true };
    expect((await h.post("/api/downlink", frame)).status).toBe(202);
    const again = await h.post("/api/downlink", frame);
    expect(again.status).toBe(202);
    expect(again.body.duplicates).toBe(1);
    const conflicting = await h.post("/api/downlink", { ...frame, success: false, reason: "busy" });
    expect(conflicting.status).toBe(202);
    expect(conflicting.body.conflicts).toBe(1);
    expect((await h.repository.get(id))?.status).toBe("acknowledged");
    const stats = await h.request("/api/stats");
    expect(stats.body.downlinkDuplicates).toBe(1);
    expect(stats.body.downlink.conflicts).toBe(1);
  });

  it("accepts frames for unknown commands and of unknown types, changing no command", async () => {
    const h = await start();
    const id = await transmitted(h);
    const res = await h.post("/api/downlink", [
      {
        spacecraftId: "sc-1",
        seq: 1,
        time: T,
        type: "acceptance",
        commandId: "01890000-0000-7000-8000-000000000000",
        success: true,
      },
      { spacecraftId: "sc-1", seq: 2, time: T, type: "beacon", note: "hello" },
    ]);
    expect(res.status).toBe(202);
    expect((await h.repository.get(id))?.status).toBe("transmitted");
    const stats = await h.request("/api/stats");
    expect(stats.body.downlink).toMatchObject({ unknownCommand: 1, unknownType: 1 });
  });

  it("refuses invalid JSON and frames lacking spacecraftId, seq or type with a 400 naming the field", async () => {
    const h = await start();
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      ['{"spacecraftId": "sc-1",', "body"],
      [{ seq: 1, time: T, type: "telemetry", parameters: {} }, "spacecraftId"],
      [{ spacecraftId: "sc-1", time: T, type: "telemetry", parameters: {} }, "seq"],
      [{ spacecraftId: "sc-1", seq: 0, time: T, type: "telemetry", parameters: {} }, "seq"],
      [{ spacecraftId: "sc-1", seq: 1, time: T }, "type"],
      [{ spacecraftId: "sc-1", seq: 1, time: "noon", type: "telemetry", parameters: {} }, "time"],
      [
        [
          { spacecraftId: "sc-1", seq: 1, time: T, type: "telemetry", parameters: {} },
          { spacecraftId: "sc-1", seq: 2, time: T },
        ],
        "[1].type",
      ],
      [[], "body"],
      ["a frame", "body"],
    ];
    for (const [body, field] of cases) {
      const res = await h.post("/api/downlink", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.body.field, JSON.stringify(body)).toBe(field);
    }
    const stats = await h.request("/api/stats");
    expect(stats.body.downlink.received).toBe(0);
  });

  it("takes a frame without time at its arrival time", async () => {
    const h = await start();
    const res = await h.post("/api/downlink", {
      spacecraftId: "sc-1",
      seq: 1,
      type: "telemetry",
      parameters: { X: 1 },
    });
    expect(res.status).toBe(202);
    expect(h.downlink.telemetry("sc-1").X?.value).toBe(1);
  });
});
