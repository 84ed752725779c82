import { StorageUnavailableError, type TelecommandRepository } from "@uplink/core";
import { pino } from "pino";
import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";

/** Wraps a repository so that every call fails with StorageUnavailableError while `down` is set. */
function flaky(inner: TelecommandRepository): {
  repository: TelecommandRepository;
  setDown(down: boolean): void;
} {
  let down = false;
  const repository = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (down) return Promise.reject(new StorageUnavailableError("connection refused"));
        return value.apply(target, args);
      };
    },
  });
  return { repository, setDown: (d) => (down = d) };
}

describeHttp(
  "storage outage",
  ({ start }) => {
    it("answers 503 problems with Retry-After while storage is down, and recovers", async () => {
      let setDown: (down: boolean) => void = () => {};
      const h = await start({
        wrapRepository: (inner) => {
          const wrapped = flaky(inner);
          setDown = wrapped.setDown;
          return wrapped.repository;
        },
      });
      const { body: c } = await h.post("/api/telecommands", { name: "PING" });
      setDown(true);
      const answers = [
        await h.post("/api/telecommands", { name: "PING" }),
        await h.request("/api/telecommands"),
        await h.request(`/api/telecommands/${c.id}`),
        await h.request(`/api/telecommands/${c.id}/cancel`, { method: "POST" }),
        await h.request(`/api/telecommands/${c.id}/history`),
        await h.request("/api/stats"),
        await h.request("/api/events", { headers: { "last-event-id": "0" } }),
      ];
      for (const res of answers) {
        expect(res.status).toBe(503);
        expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect(res.headers.get("retry-after")).toBe("1");
        expect(res.body).toMatchObject({ status: 503, code: "storage_unavailable" });
      }
      // Bad input is still refused without touching storage.
      expect((await h.post("/api/telecommands", { name: "" })).status).toBe(400);
      // Metrics still answer during the outage.
      expect((await h.request("/metrics")).status).toBe(200);
      setDown(false);
      expect((await h.post("/api/telecommands", { name: "PING" })).status).toBe(201);
      expect(await h.count()).toBe(2);
    });

    it("answers 500 with a generic problem for an unexpected error and logs it", async () => {
      const broken = (inner: TelecommandRepository) =>
        new Proxy(inner, {
          get(target, key, receiver) {
            if (key === "list") return () => Promise.reject(new TypeError("boom"));
            return Reflect.get(target, key, receiver);
          },
        });
      const lines: string[] = [];
      const logger = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
      const h = await start({ wrapRepository: broken, logger });
      const res = await h.request("/api/telecommands");
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ type: "about:blank", status: 500 });
      expect(res.body.detail).not.toContain("boom");
      const logged = lines.map((line) => JSON.parse(line));
      expect(logged).toEqual([
        expect.objectContaining({ level: 50, msg: "request failed", path: "/api/telecommands" }),
      ]);
      expect(logged[0].err.message).toBe("boom");
    });
  },
  ["memory"],
);
