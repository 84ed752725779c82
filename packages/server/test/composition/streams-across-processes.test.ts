import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningUplink } from "../../src/composition-root.js";
import { SseClient } from "../http/support/sse-client.js";
import { describePostgres, freshSchema, postJson, startServer, type TestSchema } from "../support/server.js";
import { bearer } from "../support/tokens.js";

const TRIALS = 30;
const PER_PROCESS = 4;

/** Submits `count` commands at once and returns their ids. */
async function submit(uplink: RunningUplink, count: number, tag: string): Promise<string[]> {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      postJson(`${uplink.url}/api/telecommands`, { name: `${tag}${i}` }),
    ),
  );
  return answers.map(({ status, body }) => {
    expect(status).toBe(201);
    return (body as { id: string }).id;
  });
}

/** Each command's creation event in a stream, by command id. */
function creations(stream: SseClient): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  stream.messages.forEach((message, i) => {
    const event = stream.events[i] as { entry: { from: string | null; commandId: string } };
    if (event.entry.from !== null) return;
    seen.set(event.entry.commandId, [...(seen.get(event.entry.commandId) ?? []), Number(message.id)]);
  });
  return seen;
}

function expectConsecutive(ids: readonly number[]): void {
  for (let i = 1; i < ids.length; i++)
    expect(ids[i], `event ids ${ids.join(",")}`).toBe((ids[i - 1] as number) + 1);
}

describePostgres("live event streams across two API processes on one PostgreSQL", () => {
  let schema: TestSchema;
  let a: RunningUplink;
  let b: RunningUplink;
  const streams: SseClient[] = [];

  beforeAll(async () => {
    schema = await freshSchema();
    a = await startServer({ DATABASE_URL: schema.databaseUrl }, ["--role", "api"]);
    b = await startServer({ DATABASE_URL: schema.databaseUrl }, ["--role", "api"]);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await schema?.dispose();
  });

  it("deliver to a fresh stream every transition committed on either process after it opened, once each", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      // Traffic on both processes while the stream opens, so that it meets events already in flight.
      const before = Promise.all([submit(a, 2, "PRE"), submit(b, 2, "PRE")]);
      const stream = await SseClient.open(`${b.url}/api/events`);
      streams.push(stream);
      expect(stream.response.status).toBe(200);
      // Made after the stream answered: every one must arrive, whichever process made it.
      const [onA, onB] = await Promise.all([submit(a, PER_PROCESS, "A"), submit(b, PER_PROCESS, "B")]);
      await before;
      const wanted = [...onA, ...onB];
      await stream.until((s) => wanted.every((id) => creations(s).has(id)), 5_000).catch(() => undefined);
      stream.close();
      const seen = creations(stream);
      const missing = wanted.filter((id) => !seen.has(id));
      expect(missing, `trial ${trial}: ${missing.length} of ${wanted.length} creations missing`).toEqual([]);
      for (const id of wanted) expect(seen.get(id)).toHaveLength(1);
      // Event ids are handed out gap-free in commit order: a stream delivers a run without holes or repeats.
      expectConsecutive(stream.ids);
    }
  });

  it("deliver to a stream resumed on either process every transition after its Last-Event-ID, once each", async () => {
    for (let trial = 0; trial < TRIALS / 3; trial++) {
      const first = await SseClient.open(`${a.url}/api/events`);
      streams.push(first);
      const [onA, onB] = await Promise.all([submit(a, PER_PROCESS, "A"), submit(b, PER_PROCESS, "B")]);
      await first.until((s) => [...onA, ...onB].every((id) => creations(s).has(id)));
      first.close();
      // The client saw only part of it, then resumes on the other process while traffic goes on.
      const seen = first.ids.slice(0, 3);
      const lastSeen = seen[seen.length - 1] as number;
      const during = Promise.all([submit(a, 2, "D"), submit(b, 2, "D")]);
      const resumed = await SseClient.open(`${(trial % 2 ? a : b).url}/api/events`, {
        "last-event-id": String(lastSeen),
      });
      streams.push(resumed);
      const later = (await during).flat();
      const createdAt = creations(first);
      const wanted = [...onA, ...onB]
        .filter((id) => (createdAt.get(id)?.[0] as number) > lastSeen)
        .concat(later);
      await resumed.until((s) => wanted.every((id) => creations(s).has(id)), 5_000).catch(() => undefined);
      resumed.close();
      expect(resumed.ids[0]).toBe(lastSeen + 1);
      expectConsecutive(resumed.ids);
      const got = creations(resumed);
      expect(wanted.filter((id) => !got.has(id))).toEqual([]);
    }
  });

  it("deliver spacecraft and telemetry changes made through the other process", async () => {
    const stream = await SseClient.open(`${b.url}/api/events`);
    streams.push(stream);
    await stream.until((s) => s.spacecraft.length >= 3);
    const registered = await postJson(`${a.url}/api/spacecraft`, { id: "far-1", mission: "far" });
    expect(registered.status).toBe(201);
    await stream.until((s) =>
      s.spacecraft.some((e) => e.change === "registered" && e.spacecraft.id === "far-1"),
    );
    const frame = { spacecraftId: "far-1", seq: 1, time: new Date().toISOString(), type: "telemetry" };
    const sent = await postJson(`${a.url}/api/downlink`, {
      ...frame,
      parameters: { MODE: "SAFE", BATT_V: 27.5 },
    });
    expect(sent.status).toBe(202);
    await stream.until((s) => s.telemetry.some((e) => e.spacecraftId === "far-1"));
    expect(stream.telemetry.find((e) => e.spacecraftId === "far-1").parameters).toMatchObject({
      MODE: { value: "SAFE", seq: 1 },
      BATT_V: { value: 27.5, seq: 1 },
    });
    await stream.until((s) =>
      s.spacecraft.some((e) => e.change === "health" && e.spacecraft.health === "safe"),
    );
    const removed = await fetch(`${a.url}/api/spacecraft/far-1`, { method: "DELETE", headers: bearer() });
    expect(removed.status).toBe(204);
    await stream.until((s) =>
      s.spacecraft.some((e) => e.change === "removed" && e.spacecraft.id === "far-1"),
    );
    stream.close();
  });
});
