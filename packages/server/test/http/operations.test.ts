import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PeriodicContactPlan } from "@uplink/core";
import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";

const HOUR = 3_600_000;

/** A GET with the path sent exactly as written (fetch would normalise `..` and `%2e%2e` away). */
function rawGet(baseUrl: string, path: string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: "GET" }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end();
  });
}

describeHttp(
  "operations routes",
  ({ start }) => {
    it("GET /api/contacts: always in contact, with an unbounded window", async () => {
      const h = await start({ spacecraft: ["sc-2", "sc-1"] });
      const res = await h.request("/api/contacts");
      expect(res.status).toBe(200);
      expect(res.body.now).toMatch(/Z$/);
      expect(res.body.items).toEqual([
        {
          spacecraftId: "sc-1",
          inContact: true,
          windows: [{ start: null, end: null, station: null, maxElevationDeg: null }],
        },
        {
          spacecraftId: "sc-2",
          inContact: true,
          windows: [{ start: null, end: null, station: null, maxElevationDeg: null }],
        },
      ]);
    });

    it("GET /api/contacts: the next windows of a periodic plan, as many as asked", async () => {
      const h = await start({
        contactPlan: new PeriodicContactPlan({ periodMs: 2 * HOUR, durationMs: HOUR / 2 }),
      });
      const res = await h.request("/api/contacts?count=3&spacecraftId=sc-9");
      expect(res.status).toBe(200);
      const [item] = res.body.items;
      expect(item.spacecraftId).toBe("sc-9");
      expect(item.windows).toHaveLength(3);
      const starts = item.windows.map((w: { start: string }) => Date.parse(w.start));
      const ends = item.windows.map((w: { end: string }) => Date.parse(w.end));
      const now = Date.parse(res.body.now);
      expect(ends[0]).toBeGreaterThan(now);
      for (let i = 0; i < 3; i++) {
        expect(starts[i] % (2 * HOUR)).toBe(0);
        expect(ends[i] - starts[i]).toBe(HOUR / 2);
        if (i > 0) expect(starts[i] - starts[i - 1]).toBe(2 * HOUR);
      }
      expect(item.inContact).toBe(starts[0] <= now);
      expect((await h.request("/api/contacts?count=0")).status).toBe(400);
      expect((await h.request("/api/contacts?count=51")).body.field).toBe("count");
    });

    it("GET /api/stats: every status, submissions, downlink counters", async () => {
      const h = await start();
      const { body: c } = await h.post("/api/telecommands", { name: "PING" });
      await h.post("/api/telecommands", { name: "PING" });
      await h.request(`/api/telecommands/${c.id}/cancel`, { method: "POST" });
      const res = await h.request("/api/stats");
      expect(res.status).toBe(200);
      expect(res.body.byStatus).toEqual({
        pending_approval: 0,
        ready: 1,
        transmitted: 0,
        acknowledged: 0,
        executed: 0,
        failed: 0,
        cancelled: 1,
      });
      expect(res.body).toMatchObject({
        total: 2,
        rejectedSubmissions: 0,
        duplicateSubmissions: 0,
        downlinkDuplicates: 0,
        downlinkGaps: 0,
        transitions: 3,
        senderClaims: 0,
        delivered: 0,
        dropped: 0,
        bySpacecraft: {},
        byCategory: {},
      });
    });

    it("GET /healthz answers 200; GET /readyz 200 when ready, 503 when not or when the check throws", async () => {
      let state: "ready" | "down" | "broken" = "ready";
      const h = await start({
        readiness: async () => {
          if (state === "broken") throw new Error("probe failed");
          return { ok: state === "ready", checks: { database: state === "ready", migrations: true } };
        },
      });
      expect(await h.request("/healthz")).toMatchObject({ status: 200, body: { status: "ok" } });
      expect(await h.request("/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });
      state = "down";
      expect(await h.request("/readyz")).toMatchObject({
        status: 503,
        body: { status: "unavailable", checks: { database: false, migrations: true } },
      });
      state = "broken";
      expect((await h.request("/readyz")).status).toBe(503);
      expect((await h.request("/healthz")).status).toBe(200);
    });

    it("GET /metrics: Prometheus text with commands by status, transitions, claims, downlink and latency", async () => {
      const h = await start();
      await h.post("/api/telecommands", { name: "PING" });
      await h.post("/api/telecommands", { name: "PING" });
      const res = await h.request("/metrics");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      const text = String(res.body);
      expect(text).toContain('uplink_commands{status="ready"} 2');
      expect(text).toContain("uplink_transitions_total 2");
      expect(text).toContain("uplink_sender_claims_total 0");
      expect(text).toContain("uplink_downlink_duplicates_total 0");
      expect(text).toContain("uplink_downlink_gaps_total 0");
      expect(text).toMatch(
        /uplink_http_request_duration_seconds_count\{method="POST",route="\/api\/telecommands",status="201"\} 2/,
      );
    });

    it("GET /openapi.json: an OpenAPI 3.1 document of every route, its references resolved", async () => {
      const h = await start();
      const res = await h.request("/openapi.json");
      expect(res.status).toBe(200);
      const doc = res.body;
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(routes.sort()).toEqual(
        [
          "POST /api/telecommands",
          "GET /api/telecommands",
          "GET /api/telecommands/export",
          "GET /api/telecommands/{id}",
          "POST /api/telecommands/{id}/cancel",
          "POST /api/telecommands/{id}/approve",
          "POST /api/telecommands/{id}/reject",
          "POST /api/telecommands/{id}/comments",
          "POST /api/telecommands/{id}/hold",
          "POST /api/telecommands/{id}/release",
          "GET /api/telecommands/{id}/history",
          "GET /api/events",
          "POST /api/downlink",
          "GET /api/downlink/gaps",
          "GET /api/contacts",
          "GET /api/stats",
          "POST /api/spacecraft",
          "GET /api/spacecraft",
          "GET /api/spacecraft/{id}",
          "PATCH /api/spacecraft/{id}",
          "DELETE /api/spacecraft/{id}",
          "GET /api/spacecraft/{id}/telemetry",
          "GET /api/missions",
          "GET /api/missions/{mission}",
          "PUT /api/missions/{mission}/dictionary",
          "GET /api/missions/{mission}/dictionary",
          "POST /api/spacecraft/{id}/queue",
          "PUT /api/spacecraft/{id}/inhibits",
          "GET /api/spacecraft/{id}/inhibits",
          "GET /healthz",
          "GET /readyz",
          "GET /metrics",
          "GET /openapi.json",
          "GET /",
          "POST /api/session",
          "GET /api/session",
          "DELETE /api/session",
          "POST /api/users",
          "GET /api/users",
          "DELETE /api/users/{name}",
          "GET /api/audit",
        ].sort(),
      );
      expect(doc.security).toEqual([{ bearer: [] }, { session: [] }]);
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
      expect(doc.paths["/healthz"].get.security).toEqual([]);
      expect(doc.paths["/api/session"].post.security).toEqual([]);
      expect(doc.paths["/api/users"].post.responses[403]).toBeTypeOf("object");
      // Every operation says what it needs, as the route table does.
      for (const [path, operations] of Object.entries(
        doc.paths as Record<string, Record<string, { "x-permission"?: string }>>,
      )) {
        for (const [method, operation] of Object.entries(operations)) {
          expect(operation["x-permission"], `${method} ${path}`).toBeTypeOf("string");
        }
      }
      expect(doc.paths["/api/telecommands"].post["x-permission"]).toBe("operate");
      expect(doc.paths["/api/downlink"].post["x-permission"]).toBe("downlink");
      expect(doc.paths["/api/users/{name}"].delete["x-permission"]).toBe("administer");
      const text = JSON.stringify(doc);
      for (const [, id] of text.matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)) {
        expect(doc.components.schemas[id as string], id).toBeTypeOf("object");
      }
      const submit = doc.components.schemas.SubmitTelecommand;
      expect(submit.required).toEqual(["name"]);
      expect(submit.additionalProperties).toBe(false);
      expect(submit.properties.name.pattern).toBe("^[A-Za-z][A-Za-z0-9_.-]{0,63}$");
      expect(Object.keys(doc.components.schemas.Telecommand.properties)).toContain("acknowledgedAt");
      expect(Object.keys(doc.components.schemas.Telecommand.properties)).toEqual(
        expect.arrayContaining(["category", "hazardous", "dictionaryVersion", "submittedBy"]),
      );
      expect(doc.paths["/api/telecommands"].post.responses["422"]).toBeDefined();
      expect(doc.components.schemas.Problem.properties.suggestions).toBeDefined();
      expect(doc.components.schemas.DictionaryDocument.required).toEqual(["commands"]);
      expect(Object.keys(doc.components.schemas.Stats.properties)).toEqual(
        expect.arrayContaining(["delivered", "dropped", "bySpacecraft", "byCategory"]),
      );
      for (const [path, ops] of Object.entries(
        doc.paths as Record<string, Record<string, { responses: object }>>,
      )) {
        for (const op of Object.values(ops))
          expect(Object.keys(op.responses).length, path).toBeGreaterThan(0);
      }
    });

    it("GET / serves the console and static assets with their content types", async () => {
      const h = await start();
      const index = await h.request("/");
      expect(index.status).toBe(200);
      expect(index.headers.get("content-type")).toMatch(/^text\/html/);
      expect(String(index.body)).toMatch(/<html/i);
      const script = await h.request("/js/api-client.js");
      expect(script.status).toBe(200);
      expect(script.headers.get("content-type")).toMatch(/^(application|text)\/javascript/);
      const css = await h.request("/styles.css");
      expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    });

    it("serves nothing outside public/: no traversal, no dotfiles", async () => {
      const dir = await mkdtemp(join(tmpdir(), "uplink-public-"));
      await mkdir(join(dir, "public"));
      await writeFile(join(dir, "secret.txt"), "top secret");
      await writeFile(join(dir, "public", ".env"), "KEY=1");
      await writeFile(join(dir, "public", "ok.txt"), "fine");
      const h = await start({ http: { publicDir: join(dir, "public") } });
      expect((await h.request("/ok.txt")).body).toBe("fine");
      for (const path of [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/.env",
        "/%2eenv",
        "/ok.txt%00.html",
        "/%E0%A4%A",
      ]) {
        const res = await rawGet(h.baseUrl, path);
        expect(res.status, path).toBe(404);
        expect(res.text, path).not.toContain("top secret");
        expect(res.text, path).not.toContain("KEY=1");
      }
      // Without an index.html the console is a placeholder page, not an error.
      const placeholder = await h.request("/");
      expect(placeholder.status).toBe(200);
      expect(String(placeholder.body)).toContain("/openapi.json");
    });

    it("answers unknown routes with a 404 problem and wrong methods with a 405 problem", async () => {
      const h = await start();
      const missing = await h.request("/api/nothing");
      expect(missing.status).toBe(404);
      expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(missing.body).toMatchObject({ type: "about:blank", status: 404, instance: "/api/nothing" });
      const wrong = await h.request("/api/telecommands", { method: "DELETE" });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get("allow")).toContain("POST");
      expect(wrong.body).toMatchObject({ status: 405 });
    });
  },
  ["memory"],
);
