import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";
import { SseClient } from "./support/sse-client.js";

describeHttp("actors on the wire (SPEC §10)", ({ start }) => {
  it("names the submitter as submittedBy and each entry's actor, in reads, lists and history", async () => {
    const h = await start({ actorHeader: true });
    const submitted = await h.post("/api/telecommands", { name: "PING" }, { "X-Test-Actor": "ada" });
    expect(submitted.status).toBe(201);
    expect(submitted.body.submittedBy).toBe("ada");
    const id = submitted.body.id as string;
    await h.service.apply(id, { type: "TRANSMIT" }, "sender");
    await h.service.apply(id, { type: "ACCEPTED" }, "spacecraft");
    await h.service.apply(id, { type: "ACCEPTED" }, "spacecraft");
    expect((await h.request(`/api/telecommands/${id}`)).body.submittedBy).toBe("ada");
    expect((await h.request("/api/telecommands")).body.items[0].submittedBy).toBe("ada");
    const history = await h.request(`/api/telecommands/${id}/history`);
    expect(history.body.items.map((e: { to: string; actor: string }) => [e.to, e.actor])).toEqual([
      ["ready", "ada"],
      ["transmitted", "sender"],
      ["acknowledged", "spacecraft"],
      ["acknowledged", "spacecraft"],
    ]);
  });

  it("names the user who cancels, and `anonymous` without one", async () => {
    const h = await start({ actorHeader: true });
    const { body: c } = await h.post("/api/telecommands", { name: "PING" });
    expect(c.submittedBy).toBe("anonymous");
    await h.request(`/api/telecommands/${c.id}/cancel`, {
      method: "POST",
      headers: { "X-Test-Actor": "grace" },
    });
    const history = await h.request(`/api/telecommands/${c.id}/history`);
    expect(history.body.items.map((e: { actor: string }) => e.actor)).toEqual(["anonymous", "grace"]);
  });

  it("carries the actor in the Server-Sent Events of transitions", async () => {
    const h = await start({ actorHeader: true });
    const sse = await SseClient.open(`${h.baseUrl}/api/events`);
    try {
      const { body: c } = await h.post("/api/telecommands", { name: "PING" }, { "X-Test-Actor": "ada" });
      await sse.until((client) => client.events.length > 0);
      const data = sse.events[0];
      expect(data.command).toMatchObject({ id: c.id, submittedBy: "ada" });
      expect(data.entry).toMatchObject({ commandId: c.id, actor: "ada", source: "operator" });
    } finally {
      sse.close();
    }
  });
});
