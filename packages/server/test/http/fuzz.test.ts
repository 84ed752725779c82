import fc from "fast-check";
import { expect, it } from "vitest";
import { bearer } from "../support/tokens.js";
import { describeHttp } from "./support/describe-http.js";

/** Header-safe text: printable ASCII and Latin-1 (fetch refuses control characters such as DEL). */
const latin1 = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
    .map((c) => String.fromCharCode(c)),
  maxLength: 80,
});
const name = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/),
  fc.string(),
  fc.constant(""),
  fc.integer(),
);
const instant = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string(),
  fc.integer(),
  fc.constant(null),
);

/** Objects close to a valid submission: each field sometimes right, sometimes wrong, sometimes absent. */
const nearlyValid = fc
  .record(
    {
      name,
      spacecraftId: fc.oneof(fc.constantFrom("sc-1", "sc-2"), fc.string(), fc.integer()),
      args: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), fc.anything()),
      priority: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double(), fc.string(), fc.integer()),
      notBefore: instant,
      notAfter: instant,
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.stringify(o));

const body = fc.oneof(
  nearlyValid,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.uint8Array({ maxLength: 200 }),
);

const contentType = fc.oneof(
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "application/merge-patch+json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "",
  ),
  latin1,
);

describeHttp("fuzzing", ({ start }) => {
  it("never answers a submission with a 5xx, and never stores on a 4xx", async () => {
    const h = await start();
    await fc.assert(
      fc.asyncProperty(
        body,
        contentType,
        fc.option(
          latin1.filter((k) => k.trim().length > 0),
          { nil: undefined },
        ),
        async (payload, type, key) => {
          const before = await h.count();
          const headers: Record<string, string> = { ...bearer() };
          if (type !== "") headers["content-type"] = type;
          if (key !== undefined) headers["idempotency-key"] = key;
          const res = await fetch(`${h.baseUrl}/api/telecommands`, {
            method: "POST",
            headers,
            body: payload,
          });
          const text = await res.text();
          expect(res.status, text).toBeLessThan(500);
          const after = await h.count();
          if (res.status >= 400) {
            expect(after).toBe(before);
            expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
          } else {
            expect(after - before).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never answers a list query, an id, an event stream resume or a downlink body with a 5xx", async () => {
    const h = await start();
    await h.post("/api/telecommands", { name: "PING" });
    const param = fc.constantFrom("status", "spacecraftId", "limit", "cursor", "x");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(param, fc.string()), { maxLength: 4 }),
        fc.string(),
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string(),
        ),
        async (query, id, downlink) => {
          const search = new URLSearchParams(query).toString();
          const list = await fetch(`${h.baseUrl}/api/telecommands?${search}`, { headers: bearer() });
          expect(list.status).toBeLessThan(500);
          await list.arrayBuffer();
          const one = await fetch(`${h.baseUrl}/api/telecommands/${encodeURIComponent(id)}/history`, {
            headers: bearer(),
          });
          expect(one.status).toBeLessThan(500);
          await one.arrayBuffer();
          const frames = await fetch(`${h.baseUrl}/api/downlink`, {
            method: "POST",
            headers: { "content-type": "application/json", ...bearer("downlink") },
            body: downlink,
          });
          expect(frames.status).toBeLessThan(500);
          await frames.arrayBuffer();
          const abort = new AbortController();
          const events = await fetch(`${h.baseUrl}/api/events?lastEventId=${encodeURIComponent(id)}`, {
            headers: bearer(),
            signal: abort.signal,
          });
          expect(events.status).toBeLessThan(500);
          abort.abort();
        },
      ),
      { numRuns: 100 },
    );
  });
});
