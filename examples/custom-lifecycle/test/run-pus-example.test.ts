import { describe, expect, it } from "vitest";
import { runPusExample } from "../src/run-pus-example.js";

describe("the PUS lifecycle example", () => {
  it("walks one command through started to executed and one to failed", async () => {
    const events = await runPusExample();
    const path = (name: string) => events.filter((e) => e.command.name === name).map((e) => e.entry.to);
    expect(path("DEPLOY_ANTENNA")).toEqual(["queued", "transmitted", "acknowledged", "started", "executed"]);
    expect(path("HEATER_ON")).toEqual(["queued", "transmitted", "acknowledged", "started", "failed"]);
    const failed = events.find((e) => e.command.name === "HEATER_ON" && e.entry.to === "failed");
    expect(failed?.command.failureReason).toBe("completion_failed");
  });
});
