import { expect, it } from "vitest";
import { bearer } from "../support/tokens.js";
import { describeHttp } from "./support/describe-http.js";
import { SseClient } from "./support/sse-client.js";

const MISSING_ID = "01890000-0000-7000-8000-000000000000";

describeHttp("POST /api/telecommands/:id/comments (SPEC §10)", ({ start, storedRows }) => {
  it("adds a history entry of kind comment with its actor: 201, in the history and the event stream", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING" }, bearer("operator"));
    const sse = await SseClient.open(`${h.baseUrl}/api/events?lastEventId=0`);
    try {
      const res = await h.post(
        `/api/telecommands/${c.id}/comments`,
        { text: "hold until the eclipse ends" },
        bearer("approver"),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        commandId: c.id,
        seq: 2,
        from: "ready",
        to: "ready",
        kind: "comment",
        reason: "hold until the eclipse ends",
        actor: "approver",
        ignored: false,
      });
      const history = await h.request(`/api/telecommands/${c.id}/history`);
      expect(history.body.items.map((e: { kind: string }) => e.kind)).toEqual(["transition", "comment"]);
      const after = await h.request(`/api/telecommands/${c.id}`);
      expect(after.body).toMatchObject({ status: "ready", version: 1 });
      await sse.until((client) => client.events.some((e) => e.entry.kind === "comment"));
      expect(sse.events.find((e) => e.entry.kind === "comment").entry.actor).toBe("approver");
    } finally {
      sse.close();
    }
  });

  it("answers 400 naming `text` for an empty, missing or too long text, 404 for an unknown command, storing nothing", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING" });
    const before = await storedRows();
    for (const body of [{}, { text: "" }, { text: "  " }, { text: "x".repeat(1_001) }, { text: 5 }]) {
      const res = await h.post(`/api/telecommands/${c.id}/comments`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field).toBe("text");
    }
    const missing = await h.post(`/api/telecommands/${MISSING_ID}/comments`, { text: "hello" });
    expect(missing.status).toBe(404);
    expect(await storedRows()).toBe(before);
    expect((await h.request(`/api/telecommands/${c.id}/history`)).body.items).toHaveLength(1);
    const longest = await h.post(`/api/telecommands/${c.id}/comments`, { text: "é".repeat(1_000) });
    expect(longest.status).toBe(201);
  });
});
