import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.js";
import { startServer } from "../support/server.js";
import { TEST_TOKENS } from "../support/tokens.js";

/** A logger at `trace` whose every line is kept. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: "trace", destination }), text: () => lines.join("") };
}

describe("the users a ground makes at start (SPEC §10)", () => {
  it("makes a first admin on an empty database, shows its password and token once on the terminal, never in the logs", async () => {
    const shown: string[] = [];
    const { logger, text } = capturedLogger();
    const uplink = await startServer({ UPLINK_ADMIN_TOKEN: "", UPLINK_DOWNLINK_TOKEN: "" }, [], {
      logger,
      announce: (line) => shown.push(line),
    });
    try {
      const banner = shown.join("");
      const password = /password +(\S+)/.exec(banner)?.[1] as string;
      const token = /token +(\S+)/.exec(banner)?.[1] as string;
      expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const signIn = await fetch(`${uplink.url}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "admin", password }),
      });
      expect(signIn.status).toBe(200);
      const users = await fetch(`${uplink.url}/api/users`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await users.json()) as { items: unknown[] }).items).toEqual([
        { name: "admin", role: "admin", createdAt: expect.any(String) },
      ]);
      expect(text()).toContain("user admin made with a random password and token");
      expect(text()).not.toContain(password);
      expect(text()).not.toContain(token);
    } finally {
      await uplink.stop();
    }
  });

  it("makes admin and downlink from their variables, and never logs a token, a password or a session", async () => {
    const shown: string[] = [];
    const { logger, text } = capturedLogger();
    const uplink = await startServer({}, [], { logger, announce: (line) => shown.push(line) });
    const secrets: string[] = [TEST_TOKENS.admin, TEST_TOKENS.downlink];
    try {
      expect(shown).toEqual([]);
      const admin = { authorization: `Bearer ${TEST_TOKENS.admin}` };
      const made = await fetch(`${uplink.url}/api/users`, {
        method: "POST",
        headers: { "content-type": "application/json", ...admin },
        body: JSON.stringify({ name: "ada", role: "operator", password: "correct horse battery" }),
      });
      const { token } = (await made.json()) as { token: string };
      secrets.push(token, "correct horse battery");
      const signIn = await fetch(`${uplink.url}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "ada", password: "correct horse battery" }),
      });
      const session = (signIn.headers.get("set-cookie") ?? "").split(";")[0] as string;
      secrets.push(session.split("=")[1] as string);
      const submitted = await fetch(`${uplink.url}/api/telecommands`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: "PING" }),
      });
      expect(submitted.status).toBe(201);
      const frame = {
        spacecraftId: "sc-1",
        seq: 1,
        time: "2030-01-01T00:00:00Z",
        type: "telemetry",
        parameters: { A: 1 },
      };
      const downlink = await fetch(`${uplink.url}/api/downlink`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKENS.downlink}` },
        body: JSON.stringify(frame),
      });
      expect(downlink.status).toBe(202);
      // Refused credentials are not logged either.
      await fetch(`${uplink.url}/api/stats`, { headers: { authorization: `Bearer ${token}x` } });
      await fetch(`${uplink.url}/api/stats`, { headers: { cookie: `${session}x` } });
    } finally {
      await uplink.stop();
    }
    const logs = text();
    expect(logs).toContain("user admin made with UPLINK_ADMIN_TOKEN");
    expect(logs).toContain("user downlink made with UPLINK_DOWNLINK_TOKEN");
    expect(logs.split("\n").length).toBeGreaterThan(10);
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
