import { describe, expect, it } from "vitest";
import { runEmbeddedPass } from "../src/run-embedded-pass.js";

describe("the embedding example", () => {
  it("uplinks during the pass and applies the reports, out of order and duplicated", async () => {
    const events = await runEmbeddedPass();
    const path = (name: string) =>
      events.filter((e) => e.command.name === name && !e.entry.ignored).map((e) => e.entry.to);
    expect(path("HEATER_ON")).toEqual(["ready", "transmitted", "acknowledged", "executed"]);
    expect(path("CAMERA_CAPTURE")).toEqual(["ready", "transmitted", "acknowledged", "failed"]);
    expect(path("DEPLOY_ANTENNA")).toEqual(["ready", "transmitted", "failed"]);

    const passOpens = Date.parse("2030-01-01T00:30:00Z");
    const transmissions = events.filter((e) => e.entry.to === "transmitted");
    expect(transmissions).toHaveLength(3);
    for (const t of transmissions) expect(t.entry.at).toBeGreaterThanOrEqual(passOpens);
  });
});
