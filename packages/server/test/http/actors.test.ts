import { expect, it } from "vitest";
import { bearer } from "../support/tokens.js";
import { describeHttp } from "./support/describe-http.js";
import { SseClient } from "./support/sse-client.js";

describeHttp("actors on the wire (SPEC §10)", ({ start }) => {
  it("names the submitter as submittedBy and each entry's actor, in reads, lists and history", async () => {
    const h = await start();
    const submitted = await h.post("/api/telecommands", { name: "PING" }, bearer("operator"));
    expect(submitted.status).toBe(201);
    expect(submitted.body.submittedBy).toBe("operator");
    const id = submitted.body.id as string;
    await h.service.apply(id, { type: "TRANSMIT" }, "sender");
    await h.service.apply(id, { type: "ACCEPTED" }, "spacecraft");
    await h.service.apply(id, { type: "ACCEPTED" }, "spacecraft");
    expect((await h.request(`/api/telecommands/${id}`)).body.submittedBy).toBe("operator");
    expect((await h.request("/api/telecommands")).body.items[0].submittedBy).toBe("operator");
    const history = await h.request(`/api/telecommands/${id}/history`);
    expect(history.body.items.map((e: { to: string; actor: string }) => [e.to, e.actor])).toEqual([
      ["ready", "operator"],
      ["transmitted", "sender"],
      ["acknowledged", "spacecraft"],
      ["acknowledged", "spacecraft"],
    ]);
  });

  it("names the user who submits and the one who cancels", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING" });
    expect(c.submittedBy).toBe("admin");
    await h.request(`/api/telecommands/${c.id}/cancel`, {
      method: "POST",
      headers: bearer("approver"),
    });
    const history = await h.request(`/api/telecommands/${c.id}/history`);
    expect(history.body.items.map((e: { actor: string }) => e.actor)).toEqual(["admin", "approver"]);
  });

  it("carries the actor in the Server-Sent Events of transitions", async () => {
    const h = await start();
    const sse = await SseClient.open(`${h.baseUrl}/api/events`);
    try {
      const { body: c } = await h.post("/api/telecommands", { name: "PING" }, bearer("operator"));
      await sse.until((client) => client.events.length > 0);
      const data = sse.events[0];
      expect(data.command).toMatchObject({ id: c.id, submittedBy: "operator" });
      expect(data.entry).toMatchObject({ commandId: c.id, actor: "operator", source: "operator" });
    } finally {
      sse.close();
    }
  });
});
