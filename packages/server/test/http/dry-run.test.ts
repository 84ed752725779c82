import { PeriodicContactPlan } from "@uplink/core";
import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";
import { SseClient } from "./support/sse-client.js";

describeHttp("POST /api/telecommands?dryRun=true (SPEC §10)", ({ start, storedRows }) => {
  it("answers 200 {valid, status, expectedPass}, storing, sending and counting nothing", async () => {
    const h = await start({
      contactPlan: new PeriodicContactPlan({ periodMs: 5_400_000, durationMs: 600_000 }),
    });
    const sse = await SseClient.open(`${h.baseUrl}/api/events`);
    try {
      const before = await storedRows();
      const res = await h.post("/api/telecommands?dryRun=true", { name: "PING" });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ valid: true, status: "ready" });
      expect(res.body.expectedPass.start).toMatch(/Z$/);
      expect(Date.parse(res.body.expectedPass.end)).toBeGreaterThan(Date.parse(res.body.expectedPass.start));
      const pending = await h.post("/api/telecommands?dryRun=true", { name: "PING", approval: true });
      expect(pending.body.status).toBe("pending_approval");
      // Windows open every 90 minutes from the epoch for 10: 2999-01-01T00:11:40Z is between two.
      const between = { name: "PING", notBefore: "2999-01-01T00:11:40Z" };
      const next = await h.post("/api/telecommands?dryRun=true", between);
      expect(next.body.expectedPass).toMatchObject({
        start: "2999-01-01T01:30:00.000Z",
        end: "2999-01-01T01:40:00.000Z",
      });
      const late = await h.post("/api/telecommands?dryRun=true", {
        ...between,
        notAfter: "2999-01-01T01:00:00Z",
      });
      expect(late.status).toBe(200);
      expect(late.body).toEqual({ valid: true, status: "ready", expectedPass: null });
      expect(await storedRows()).toBe(before);
      expect(await h.count()).toBe(0);
      const stats = await h.request("/api/stats");
      expect(stats.body).toMatchObject({ total: 0, rejectedSubmissions: 0 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(sse.events).toEqual([]);
    } finally {
      sse.close();
    }
  });

  it("answers the 4xx the submission would get, without counting it", async () => {
    const h = await start();
    const bad = await h.post("/api/telecommands?dryRun=true", { name: "1BAD" });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("name");
    const unknown = await h.post("/api/telecommands?dryRun=true", { name: "PING", spacecraftId: "sc-9" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe("unknown_spacecraft");
    const flag = await h.post("/api/telecommands?dryRun=maybe", { name: "PING" });
    expect(flag.status).toBe(400);
    expect(flag.body.field).toBe("dryRun");
    expect((await h.request("/api/stats")).body).toMatchObject({ total: 0, rejectedSubmissions: 0 });
    // Without dryRun, or with dryRun=false, it is a submission.
    expect((await h.post("/api/telecommands?dryRun=false", { name: "PING" })).status).toBe(201);
    expect(await h.count()).toBe(1);
  });
});
