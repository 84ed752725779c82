import { describe, expect, it } from "vitest";
import { defaultFrameToEvent } from "../../src/downlink/frame-to-event.js";
import { Lifecycle } from "../../src/lifecycle/lifecycle.js";
import type { DownlinkFrame } from "../../src/types.js";
import { pusLifecycle } from "../lifecycle/pus-lifecycle.js";
import { downlinkRig, report, T0, telemetry } from "./downlink-fixture.js";

describe("DownlinkProcessor content", () => {
  it("moves commands through acceptance and completion reports", async () => {
    const rig = downlinkRig();
    const [ok, rejected, broken, early] = (await rig.transmitted(4)) as [string, string, string, string];
    await rig.downlink.receive([
      report(1, "acceptance", ok),
      report(2, "acceptance", rejected, false, { reason: "unknown command" }),
      report(3, "acceptance", broken),
      report(4, "completion", ok),
      report(5, "completion", broken, false, { reason: "heater stuck" }),
      report(6, "completion", early),
    ]);
    expect(await rig.statuses([ok, rejected, broken, early])).toEqual([
      "executed",
      "failed",
      "failed",
      "executed",
    ]);
    expect((await rig.service.get(rejected)).failureReason).toBe("rejected");
    expect((await rig.service.get(broken)).failureReason).toBe("completion_failed");
    const history = await rig.service.history(broken);
    expect(history.at(-1)).toMatchObject({ to: "failed", reason: "heater stuck", source: "spacecraft" });
    expect(rig.applied.map((a) => a.outcome)).toEqual(Array(6).fill("transition"));
  });

  it("records a report that no longer applies as ignored", async () => {
    const rig = downlinkRig();
    const [id] = (await rig.transmitted(1)) as [string];
    await rig.downlink.receive([report(1, "completion", id), report(2, "acceptance", id)]);
    expect(await rig.statuses([id])).toEqual(["executed"]);
    expect(rig.applied.map((a) => a.outcome)).toEqual(["transition", "ignored"]);
    expect((await rig.service.history(id)).at(-1)).toMatchObject({ ignored: true, source: "spacecraft" });
  });

  it("counts frames for unknown commands and of unknown types, and changes no command", async () => {
    const rig = downlinkRig();
    const [id] = (await rig.transmitted(1)) as [string];
    const before = await rig.service.history(id);
    const beacon: DownlinkFrame = { spacecraftId: "sc-1", seq: 2, time: T0, type: "beacon", commandId: id };
    const result = await rig.downlink.receive([report(1, "acceptance", "no-such-command"), beacon]);
    expect(result).toMatchObject({ accepted: 2, applied: 2 });
    expect(rig.downlink.stats()).toMatchObject({ unknownCommand: 1, unknownType: 1, applied: 2 });
    expect(rig.applied.map((a) => a.outcome)).toEqual(["unknownCommand", "unknownType"]);
    expect(await rig.service.history(id)).toEqual(before);
    expect(await rig.statuses([id])).toEqual(["transmitted"]);
  });

  it("keeps the latest value and time of each telemetry parameter per spacecraft", async () => {
    const rig = downlinkRig();
    await rig.downlink.receive([
      telemetry(1, { V: 28.1, MODE: "safe" }),
      telemetry(2, { V: 27.9, HEATER: true }, "sc-1", T0 + 500),
      telemetry(1, { V: 3.3 }, "sc-2"),
    ]);
    expect(rig.downlink.telemetry("sc-1")).toEqual({
      V: { value: 27.9, time: T0 + 500, seq: 2 },
      MODE: { value: "safe", time: T0 + 1, seq: 1 },
      HEATER: { value: true, time: T0 + 500, seq: 2 },
    });
    expect(rig.downlink.telemetry("sc-2")).toEqual({ V: { value: 3.3, time: T0 + 1, seq: 1 } });
    expect(rig.downlink.telemetry("sc-3")).toEqual({});
    expect(rig.downlink.stats().telemetry).toBe(3);
  });

  it("does not let a late telemetry frame overwrite a newer value", async () => {
    const rig = downlinkRig();
    await rig.downlink.receive([telemetry(1, { V: 1 }), telemetry(3, { V: 3 }, "sc-1", T0 + 300)]);
    await rig.clock.advanceAsync(rig.downlink.options.gapTimeoutMs);
    await rig.downlink.receive(telemetry(2, { V: 2, I: 0.5 }, "sc-1", T0 + 200));
    expect(rig.downlink.telemetry("sc-1")).toEqual({
      V: { value: 3, time: T0 + 300, seq: 3 },
      I: { value: 0.5, time: T0 + 200, seq: 2 },
    });
  });

  it("lets a mission map its own report types", async () => {
    const rig = downlinkRig({
      lifecycle: new Lifecycle(pusLifecycle),
      options: {
        toEvent: (frame) => (frame.type === "start" ? { type: "STARTED" } : defaultFrameToEvent(frame)),
      },
    });
    const [id] = (await rig.transmitted(1)) as [string];
    const start: DownlinkFrame = { spacecraftId: "sc-1", seq: 2, time: T0, type: "start", commandId: id };
    await rig.downlink.receive([report(1, "acceptance", id), start]);
    expect(await rig.statuses([id])).toEqual(["started"]);
    await rig.downlink.receive(report(3, "completion", id));
    expect(await rig.statuses([id])).toEqual(["executed"]);
  });
});

describe("defaultFrameToEvent", () => {
  it("maps reports to the default lifecycle's events with their reasons", () => {
    const f = (type: string, success: boolean, reason?: string): DownlinkFrame => ({
      spacecraftId: "sc-1",
      seq: 1,
      time: T0,
      type,
      commandId: "c",
      success,
      ...(reason === undefined ? {} : { reason }),
    });
    expect(defaultFrameToEvent(f("acceptance", true))).toEqual({ type: "ACCEPTED" });
    expect(defaultFrameToEvent(f("acceptance", false, "bad crc"))).toEqual({
      type: "REJECTED",
      reason: "bad crc",
    });
    expect(defaultFrameToEvent(f("acceptance", false))).toEqual({ type: "REJECTED" });
    expect(defaultFrameToEvent(f("completion", true))).toEqual({ type: "COMPLETED" });
    expect(defaultFrameToEvent(f("completion", false, "x"))).toEqual({
      type: "COMPLETION_FAILED",
      reason: "x",
    });
    expect(defaultFrameToEvent(f("telemetry", true))).toBeNull();
  });
});
