import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";
import type { HttpHarness } from "./support/http-harness.js";

const MISSING_ID = "01890000-0000-7000-8000-000000000000";

interface Created {
  readonly id: string;
  readonly createdAt: string;
}

/** Submits `n` commands (alternating sc-1 and sc-2) and returns their ids in submission order. */
async function submitMany(
  h: HttpHarness,
  n: number,
  prefix = "CMD",
  created: Created[] = [],
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await h.post("/api/telecommands", {
      name: `${prefix}_${i}`,
      spacecraftId: i % 2 ? "sc-2" : "sc-1",
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
    created.push(res.body);
  }
  return ids;
}

/**
 * The list order: newest first by creation time, then by id (UUIDv7s made in the same
 * millisecond are not ordered by submission, so the expectation is computed, not assumed).
 */
function newestFirst(created: readonly Created[], only?: readonly string[]): string[] {
  return created
    .filter((c) => !only || only.includes(c.id))
    .sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
    )
    .map((c) => c.id);
}

async function listAll(h: HttpHarness, query: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = query ? "&" : "";
    const res = await h.request(`/api/telecommands?${query}${cursor ? `${sep}cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((c: { id: string }) => c.id));
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor);
  return { ids, pages };
}

describeHttp("GET /api/telecommands and /api/telecommands/:id", ({ start }) => {
  it("gets one command with its current status", async () => {
    const h = await start();
    const { body: created } = await h.post("/api/telecommands", { name: "PING" });
    await h.service.apply(created.id, { type: "TRANSMIT" }, "sender");
    const res = await h.request(`/api/telecommands/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.id, status: "transmitted", version: 2 });
    expect(res.body.transmittedAt).toMatch(/Z$/);
  });

  it("answers 404 for an unknown id and 400 for an id that is not a UUID", async () => {
    const h = await start();
    const missing = await h.request(`/api/telecommands/${MISSING_ID}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      status: 404,
      code: "not_found",
      instance: `/api/telecommands/${MISSING_ID}`,
    });
    for (const bad of ["42", "not-a-uuid", `${MISSING_ID}0`, "%27%20OR%201=1"]) {
      const res = await h.request(`/api/telecommands/${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe("id");
    }
  });

  it("lists newest first with {items, nextCursor}", async () => {
    const h = await start();
    const created: Created[] = [];
    await submitMany(h, 5, "CMD", created);
    const res = await h.request("/api/telecommands");
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(newestFirst(created));
  });

  it("filters by status and spacecraftId", async () => {
    const h = await start();
    const created: Created[] = [];
    const ids = await submitMany(h, 6, "CMD", created);
    await h.service.cancel(ids[0] as string);
    await h.service.cancel(ids[1] as string);
    const cancelled = await h.request("/api/telecommands?status=cancelled");
    expect(cancelled.body.items.map((c: { id: string }) => c.id)).toEqual(
      newestFirst(created, [ids[0], ids[1]] as string[]),
    );
    const sc2 = await h.request("/api/telecommands?spacecraftId=sc-2&status=ready");
    expect(sc2.body.items.map((c: { id: string }) => c.id)).toEqual(
      newestFirst(created, [ids[5], ids[3]] as string[]),
    );
  });

  it("pages with limit and cursor through every command exactly once", async () => {
    const h = await start();
    const created: Created[] = [];
    await submitMany(h, 23, "CMD", created);
    const { ids: seen, pages } = await listAll(h, "limit=5");
    expect(pages).toBe(5);
    expect(seen).toEqual(newestFirst(created));
  });

  it("keeps pages stable while commands are inserted", async () => {
    const h = await start();
    const created: Created[] = [];
    await submitMany(h, 12, "CMD", created);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.request(`/api/telecommands?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
      await submitMany(h, 2, "LATE");
    } while (cursor);
    expect(seen).toEqual(newestFirst(created));
  });

  it("refuses a limit outside 1..500, a bad cursor, a bad status and unknown parameters", async () => {
    const h = await start();
    await submitMany(h, 1);
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["limit=ten", "limit"],
      ["limit=1&limit=2", "limit"],
      ["cursor=garbage", "cursor"],
      ["status=lost", "status"],
      ["spacecraftId=sc%201", "spacecraftId"],
      ["sort=asc", "sort"],
    ] as const) {
      const res = await h.request(`/api/telecommands?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.field, query).toBe(field);
    }
    const max = await h.request("/api/telecommands?limit=500");
    expect(max.status).toBe(200);
  });

  it("returns a command's history oldest first, and 404 / 400 like get", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING" });
    await h.service.apply(c.id, { type: "TRANSMIT" }, "sender");
    await h.service.apply(c.id, { type: "ACCEPTED" }, "spacecraft");
    await h.service.apply(c.id, { type: "ACCEPTED" }, "spacecraft");
    const res = await h.request(`/api/telecommands/${c.id}/history`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["items"]);
    const items = res.body.items;
    expect(items.map((e: { from: string | null; to: string }) => [e.from, e.to])).toEqual([
      [null, "ready"],
      ["ready", "transmitted"],
      ["transmitted", "acknowledged"],
      ["acknowledged", "acknowledged"],
    ]);
    expect(items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(items[3]).toMatchObject({ ignored: true, source: "spacecraft", commandId: c.id });
    expect(items[0].at).toMatch(/Z$/);
    expect((await h.request(`/api/telecommands/${MISSING_ID}/history`)).status).toBe(404);
    expect((await h.request("/api/telecommands/nope/history")).status).toBe(400);
  });
});
