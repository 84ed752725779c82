import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";
import type { HttpHarness } from "./support/http-harness.js";
import { SseClient } from "./support/sse-client.js";

/** Every history event id stored so far. */
async function allEventIds(h: HttpHarness): Promise<number[]> {
  return (await h.repository.historyAfter(0, 100_000)).map((e) => e.eventId);
}

/** Submits a command and walks it to executed (four history entries). */
async function lifecycle(h: HttpHarness, name: string): Promise<string> {
  const res = await h.post("/api/telecommands", { name });
  const id = res.body.id as string;
  await h.service.apply(id, { type: "TRANSMIT" }, "sender");
  await h.service.apply(id, { type: "ACCEPTED" }, "spacecraft");
  await h.service.apply(id, { type: "COMPLETED" }, "spacecraft");
  return id;
}

function expectStrictlyIncreasing(ids: readonly number[]): void {
  for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1] as number);
}

describeHttp("GET /api/events", ({ start }) => {
  it("streams every transition of a command, id = the history event id, data = {command, entry}", async () => {
    const h = await start();
    const sse = await SseClient.open(`${h.baseUrl}/api/events`);
    expect(sse.response.status).toBe(200);
    expect(sse.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(sse.response.headers.get("cache-control")).toMatch(/no-cache/);
    const id = await lifecycle(h, "PING");
    await sse.until((c) => c.messages.length >= 4);
    sse.close();
    const history = await h.repository.history(id);
    expect(sse.messages.map((m) => m.event)).toEqual([
      "telecommand",
      "telecommand",
      "telecommand",
      "telecommand",
    ]);
    expect(sse.ids).toEqual(history.map((e) => e.eventId));
    const events = sse.events;
    expect(events.map((e) => e.entry.to)).toEqual(["ready", "transmitted", "acknowledged", "executed"]);
    expect(events.map((e) => e.command.status)).toEqual(["ready", "transmitted", "acknowledged", "executed"]);
    expect(events.every((e) => e.command.id === id && e.entry.commandId === id)).toBe(true);
    expect(events[3].command.executedAt).toMatch(/Z$/);
    expect(events[0].entry).toMatchObject({ from: null, source: "operator", seq: 1, ignored: false });
    expect(sse.comments).toContain("connected");
  });

  it("resumes from Last-Event-ID without losing or repeating an event", async () => {
    const h = await start();
    const first = await SseClient.open(`${h.baseUrl}/api/events`);
    await lifecycle(h, "A");
    await lifecycle(h, "B");
    await first.until((c) => c.messages.length >= 8);
    first.close();
    // The client saw only the first five events before its connection dropped.
    const seen = first.ids.slice(0, 5);
    await lifecycle(h, "C");
    const resumed = await SseClient.open(`${h.baseUrl}/api/events`, { "last-event-id": String(seen[4]) });
    await lifecycle(h, "D");
    const all = await allEventIds(h);
    await resumed.until((c) => c.ids.includes(all[all.length - 1] as number));
    resumed.close();
    expect([...seen, ...resumed.ids]).toEqual(all);
    // Replayed entries carry the command as it is now.
    expect(resumed.events[0].command.status).toBe("executed");
  });

  it("accepts ?lastEventId= for clients that cannot set the header, and takes the later of both", async () => {
    const h = await start();
    await lifecycle(h, "A");
    const all = await allEventIds(h);
    const byQuery = await SseClient.open(`${h.baseUrl}/api/events?lastEventId=${all[0]}`);
    await byQuery.until((c) => c.messages.length >= all.length - 1);
    byQuery.close();
    expect(byQuery.ids).toEqual(all.slice(1));
    const both = await SseClient.open(`${h.baseUrl}/api/events?lastEventId=${all[0]}`, {
      "last-event-id": String(all[2]),
    });
    await both.until((c) => c.messages.length >= 1);
    both.close();
    expect(both.ids).toEqual(all.slice(3));
  });

  it("loses and repeats nothing across the replay/live boundary while transitions keep coming", async () => {
    const h = await start();
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 30; i++) await lifecycle(h, `W${i}`);
      writing = false;
    })();
    const received: number[] = [];
    let last = 0;
    // Reconnect repeatedly mid-stream, each time resuming from the last id received.
    while (writing) {
      const sse = await SseClient.open(`${h.baseUrl}/api/events`, { "last-event-id": String(last) });
      await new Promise((resolve) => setTimeout(resolve, 10));
      sse.close();
      received.push(...sse.ids);
      if (sse.ids.length > 0) last = sse.ids[sse.ids.length - 1] as number;
    }
    await writer;
    const tail = await SseClient.open(`${h.baseUrl}/api/events`, { "last-event-id": String(last) });
    const all = await allEventIds(h);
    await tail.until((c) => c.ids.includes(all[all.length - 1] as number) || all[all.length - 1] === last);
    tail.close();
    received.push(...tail.ids);
    expect(all).toHaveLength(120);
    expectStrictlyIncreasing(received);
    expect(received).toEqual(all);
  });

  it("sends heartbeat comments on an idle stream", async () => {
    const h = await start({ http: { heartbeatMs: 30 } });
    const sse = await SseClient.open(`${h.baseUrl}/api/events`);
    await sse.until((c) => c.comments.filter((t) => t === "heartbeat").length >= 2);
    sse.close();
    expect(sse.messages).toHaveLength(0);
  });

  it("refuses a Last-Event-ID that is not an event id with a 400 problem", async () => {
    const h = await start();
    for (const [headers, query, field] of [
      [{ "last-event-id": "abc" }, "", "Last-Event-ID"],
      [{ "last-event-id": "-1" }, "", "Last-Event-ID"],
      [{}, "?lastEventId=1.5", "lastEventId"],
      [{}, "?since=3", "since"],
    ] as const) {
      const sse = await SseClient.open(`${h.baseUrl}/api/events${query}`, headers);
      expect(sse.response.status).toBe(400);
      const problem = (await sse.response.json()) as { field?: string };
      expect(problem.field).toBe(field);
    }
  });

  it("stops listening when the client goes away", async () => {
    const h = await start();
    let listeners = 0;
    const subscribe = h.deps.events.subscribe;
    (h.deps.events as { subscribe: typeof subscribe }).subscribe = (listener) => {
      listeners++;
      const off = subscribe(listener);
      return () => {
        listeners--;
        off();
      };
    };
    const sse = await SseClient.open(`${h.baseUrl}/api/events`);
    await sse.until((c) => c.comments.includes("connected"));
    expect(listeners).toBe(1);
    sse.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(listeners).toBe(0);
  });
});
