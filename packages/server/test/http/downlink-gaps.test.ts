import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";
import type { HttpHarness } from "./support/http-harness.js";

const T = "2030-01-01T00:00:00Z";

const telemetry = (spacecraftId: string, seq: number) => ({
  spacecraftId,
  seq,
  time: T,
  type: "telemetry",
  parameters: { N: seq },
});

/** Frames with holes, then the gaps they leave once the harness's 50 ms gap timeout passes. */
async function gapsAfter(h: HttpHarness, frames: object[], count: number) {
  expect((await h.post("/api/downlink", frames)).status).toBe(202);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await h.request("/api/downlink/gaps?limit=500");
    expect(res.status).toBe(200);
    if (res.body.items.length >= count || Date.now() > deadline) return res.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeHttp("GET /api/downlink/gaps", ({ start }) => {
  it("lists no gap before any", async () => {
    const h = await start();
    expect((await h.request("/api/downlink/gaps")).body).toEqual({ items: [], nextCursor: null });
  });

  it("lists the gaps skipped, newest first, with what was missing, when and why", async () => {
    const h = await start();
    await gapsAfter(h, [telemetry("sc-1", 1), telemetry("sc-1", 4)], 1);
    const page = await gapsAfter(h, [telemetry("sc-2", 3), telemetry("sc-1", 9), telemetry("sc-1", 8)], 3);
    expect(page.nextCursor).toBeNull();
    expect(
      page.items.map((g: { spacecraftId: string; fromSeq: number }) => [g.spacecraftId, g.fromSeq]),
    ).toEqual([expect.any(Array), expect.any(Array), ["sc-1", 2]]);
    expect(
      page.items
        .slice(0, 2)
        .map((g: { spacecraftId: string }) => g.spacecraftId)
        .sort(),
    ).toEqual(["sc-1", "sc-2"]);
    expect(page.items).toContainEqual({
      spacecraftId: "sc-1",
      fromSeq: 5,
      toSeq: 7,
      missing: 3,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      cause: "timeout",
    });
    expect(page.items).toContainEqual(
      expect.objectContaining({ spacecraftId: "sc-2", fromSeq: 1, toSeq: 2, missing: 2 }),
    );
    const stats = await h.request("/api/stats");
    expect(stats.body.downlinkGaps).toBe(2 + 3 + 2);
  });

  it("pages with limit and cursor through every gap exactly once", async () => {
    const h = await start();
    const frames = [1, 3, 5, 7, 9, 11].map((seq) => telemetry("sc-1", seq));
    const all = await gapsAfter(h, frames, 5);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.request(`/api/downlink/gaps?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((g: { fromSeq: number }) => g.fromSeq));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((g: { fromSeq: number }) => g.fromSeq));
    expect(seen).toEqual([10, 8, 6, 4, 2]);
  });

  it("refuses a bad limit, a cursor it did not hand out and unknown parameters with a 400 naming them", async () => {
    const h = await start();
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["cursor=abc", "cursor"],
      ["spacecraft=sc-1", "spacecraft"],
    ]) {
      const res = await h.request(`/api/downlink/gaps?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.field, query).toBe(field);
    }
  });
});
