import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  eventually,
  killChildren,
  postJson,
  SERVER_DIR,
  spawnUplink,
  tempDir,
  wrapChild,
} from "../support/server.js";
import { bearer } from "../support/tokens.js";

// Child processes start slowly on a busy machine (TypeScript through tsx, PGlite's first start).
const SLOW = 180_000;

const dirs: { dispose(): void }[] = [];
afterAll(async () => {
  await killChildren();
  for (const dir of dirs) dir.dispose();
});

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

async function statuses(url: string): Promise<string[]> {
  const response = await fetch(`${url}/api/telecommands?limit=500`, { headers: bearer() });
  const page = (await response.json()) as { items: { status: string }[] };
  return page.items.map((c) => c.status);
}

describe("the uplink command line", () => {
  it(
    "stops with one line naming a bad variable and what it accepts (exit 2)",
    async () => {
      const child = spawnUplink(["serve"], { UPLINK_FAILURE_RATE: "1.5", UPLINK_DATA_DIR: dataDir() });
      const { code } = await child.exited;
      expect(code).toBe(2);
      const lines = child.output().trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe('uplink: UPLINK_FAILURE_RATE="1.5" is not valid: expected a number from 0 to 1');
    },
    SLOW,
  );

  it(
    "refuses a split role without DATABASE_URL (exit 2)",
    async () => {
      const child = spawnUplink(["serve", "--role", "sender"], { UPLINK_DATA_DIR: dataDir() });
      const { code } = await child.exited;
      expect(code).toBe(2);
      expect(child.output().trim()).toMatch(
        /^uplink: --role sender needs DATABASE_URL: the embedded database serves one process/,
      );
    },
    SLOW,
  );

  it(
    "refuses a second process on the same data directory, drains on SIGTERM and exits 0",
    async () => {
      const dir = dataDir();
      // Seeded transmit delays of up to a day: the claimed commands are still waiting at SIGTERM.
      const first = spawnUplink(["serve"], {
        UPLINK_DATA_DIR: dir,
        UPLINK_TRANSMIT_DELAY_MAX_MS: "86400000",
        UPLINK_SEED: "7",
      });
      const url = (await first.ready()) as string;
      for (let i = 0; i < 5; i++)
        expect((await postJson(`${url}/api/telecommands`, { name: "PING" })).status).toBe(201);
      await eventually(async () => {
        const stats = (await (await fetch(`${url}/api/stats`, { headers: bearer() })).json()) as {
          senderClaims: number;
        };
        return stats.senderClaims === 5 ? true : undefined;
      });

      const second = spawnUplink(["serve"], { UPLINK_DATA_DIR: dir });
      expect((await second.exited).code).toBe(2);
      expect(second.output()).toMatch(/^uplink: the data directory .* is in use by process \d+/);

      first.kill("SIGTERM");
      expect(await first.exited).toEqual({ code: 0, signal: null });
      expect(first.output(), first.output()).toContain("sender stopped: 0 transmitted, 5 released");

      // Released, not leased for a day: a new process transmits them at once.
      const again = spawnUplink(["serve"], { UPLINK_DATA_DIR: dir });
      const againUrl = (await again.ready()) as string;
      try {
        const final = await eventually(async () => {
          const all = await statuses(againUrl);
          return all.length === 5 && all.every((s) => s === "executed" || s === "failed") ? all : undefined;
        }, 20_000);
        expect(final).toHaveLength(5);
      } finally {
        again.kill("SIGTERM");
        expect((await again.exited).code).toBe(0);
      }
    },
    SLOW,
  );

  it(
    "runs the spacecraft as its own HTTP service and stops it on SIGTERM",
    async () => {
      const child = spawnUplink(
        ["spacecraft", "--port", "0", "--downlink", "http://127.0.0.1:9/api/downlink"],
        {
          UPLINK_DATA_DIR: dataDir(),
        },
      );
      const url = await eventually(
        async () => /spacecraft listening on (http:\/\/[^,]+),/.exec(child.output())?.[1],
        90_000,
      );
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const command = {
        id: "0193a3c0-0000-7000-8000-000000000009",
        spacecraftId: "sc-1",
        name: "PING",
        args: {},
      };
      expect((await postJson(`${url}/commands`, command)).status).toBe(202);
      child.kill("SIGTERM");
      expect((await child.exited).code).toBe(0);
    },
    SLOW,
  );

  it(
    "serves the console and the API with `npm start`",
    async () => {
      const root = join(SERVER_DIR, "..", "..");
      const npm = spawn("npm", ["start"], {
        cwd: root,
        env: { ...process.env, PORT: "0", UPLINK_DATA_DIR: dataDir(), LOG_LEVEL: "info" },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      const child = wrapChild(npm, { detached: true });
      try {
        const url = (await child.ready()) as string;
        expect(child.output()).toContain(
          `console ${url}/  API ${url}/api/telecommands  docs ${url}/openapi.json`,
        );
        const page = await fetch(`${url}/`);
        expect(page.status).toBe(200);
        expect(page.headers.get("content-type")).toMatch(/^text\/html/);
        // A first start prints admin's random password and token once, outside the logs.
        const token = /^ {4}token +(\S+)$/m.exec(child.output())?.[1] as string;
        expect(child.output()).toMatch(/^ {4}user name +admin$/m);
        expect(child.output()).toMatch(/^ {4}password +[A-Za-z0-9_-]{43}$/m);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect((await fetch(`${url}/api/telecommands`)).status).toBe(401);
        const list = await fetch(`${url}/api/telecommands`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(list.status).toBe(200);
        expect(await list.json()).toEqual({ items: [], nextCursor: null });
      } finally {
        process.kill(-(npm.pid as number), "SIGTERM");
        await child.exited;
      }
    },
    SLOW,
  );
});
