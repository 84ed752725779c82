import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, killChildren, SERVER_DIR, startServer, tempDir } from "../support/server.js";

/** Runs `uplink …` to its end with `input` on standard input; answers its exit code and output. */
function runCli(args: readonly string[], env: Record<string, string>, input = "") {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("UPLINK_")));
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", CLI, ...args], {
    cwd: SERVER_DIR,
    env: { ...inherited, LOG_LEVEL: "silent", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  child.stdin.end(input);
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, out, err })),
  );
}

const SLOW = 120_000;

describe("uplink users (SPEC §10)", () => {
  const dir = tempDir("uplink-users-");
  afterAll(async () => {
    await killChildren();
    dir.dispose();
  });

  it(
    "adds users (printing each token once), lists and revokes them; the server then takes them",
    async () => {
      const env = { UPLINK_DATA_DIR: dir.path };
      const ada = await runCli(
        ["users", "add", "ada", "--role", "operator", "--password-stdin"],
        env,
        "correct horse\n",
      );
      expect(ada.code, ada.err).toBe(0);
      const token = /^([A-Za-z0-9_-]{43})$/m.exec(ada.out)?.[1] as string;
      expect(ada.out).toContain("user ada (operator) made");
      expect(token).toBeDefined();
      const gs = await runCli(["users", "add", "gs-1", "--role", "downlink"], env);
      expect(gs.code, gs.err).toBe(0);
      const again = await runCli(["users", "add", "ada", "--role", "admin"], env);
      expect(again.code).toBe(2);
      expect(again.err).toContain("user ada exists already");
      const badRole = await runCli(["users", "add", "eve", "--role", "root"], env);
      expect(badRole.code).toBe(2);
      expect(badRole.err).toMatch(/role: must be one of viewer, operator, approver, admin, downlink/);
      expect((await runCli(["users", "revoke", "gs-1"], env)).code).toBe(0);
      const list = await runCli(["users", "list"], env);
      expect(list.out).toMatch(/^ada\toperator\t\d{4}-\d\d-\d\dT/m);
      expect(list.out).not.toContain("gs-1");
      expect(list.out).not.toContain(token);

      const uplink = await startServer({ UPLINK_DATA_DIR: dir.path });
      try {
        const submitted = await fetch(`${uplink.url}/api/telecommands`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ name: "PING" }),
        });
        expect(submitted.status).toBe(201);
        const signIn = await fetch(`${uplink.url}/api/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "ada", password: "correct horse" }),
        });
        expect(signIn.status).toBe(200);
      } finally {
        await uplink.stop();
      }
    },
    SLOW,
  );

  it(
    "refuses to start with an UPLINK_ADMIN_TOKEN under 32 characters (exit 2, one line, the value not shown)",
    async () => {
      const run = await runCli(["serve"], {
        UPLINK_DATA_DIR: dir.path,
        PORT: "0",
        UPLINK_ADMIN_TOKEN: "too-short-secret",
      });
      expect(run.code).toBe(2);
      expect(run.err.trim()).toBe(
        "uplink: UPLINK_ADMIN_TOKEN is not valid: expected at least 32 characters of A-Z a-z 0-9 . _ ~ + / = - (it has 16)",
      );
    },
    SLOW,
  );
});
