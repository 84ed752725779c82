import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningUplink } from "../../src/composition-root.js";
import { createDatabase } from "../../src/database/create-database.js";
import { migrate } from "../../src/database/migrate.js";
import { eventually, startServer } from "../support/server.js";
import { bearer } from "../support/tokens.js";
import { findPostgresBin, type PrivatePostgres, startPrivatePostgres } from "./private-postgres.js";

const SUBMITTERS = 8;

/** Submits PING commands in `SUBMITTERS` loops until stopped, keeping every answer's status and, on 2xx, the id. */
function submitUntilStopped(url: string) {
  const answers: { status: number; id: string | null; at: number }[] = [];
  let running = true;
  const loop = async () => {
    while (running) {
      const response = await fetch(`${url}/api/telecommands`, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer() },
        body: JSON.stringify({ name: "PING" }),
      });
      const body = (await response.json()) as { id?: string };
      answers.push({ status: response.status, id: response.ok ? (body.id ?? null) : null, at: Date.now() });
      if (!response.ok) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const loops = Promise.all(Array.from({ length: SUBMITTERS }, loop));
  return {
    answers,
    async stop() {
      running = false;
      await loops;
    },
  };
}

// Runs wherever initdb is installed; a CI image without PostgreSQL binaries fails, as it must.
const skip = findPostgresBin() === null && !process.env.CI;
if (skip) console.warn("[uplink tests] initdb not found under /usr/lib/postgresql: skipping the outage test");

(skip ? describe.skip : describe)("PostgreSQL stopped while commands are being submitted", () => {
  let postgres: PrivatePostgres;
  let server: RunningUplink;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const db = await createDatabase({ databaseUrl: postgres.url });
    await migrate(db.knex);
    await db.close();
    server = await startServer({
      DATABASE_URL: postgres.url,
      UPLINK_ACK_DELAY_MAX_MS: "10",
      UPLINK_EXEC_DELAY_MAX_MS: "10",
    });
  });

  afterAll(async () => {
    await server?.stop();
    await postgres?.destroy();
  });

  it("answers 503 during the outage and no other 5xx, keeps every 2xx, and recovers without a restart", async () => {
    const url = server.url as string;
    const load = submitUntilStopped(url);
    await eventually(async () =>
      load.answers.filter((a) => a.status === 201).length >= 100 ? true : undefined,
    );
    await postgres.stop();
    const stoppedAt = Date.now();
    await eventually(async () =>
      load.answers.some((a) => a.status === 503 && a.at > stoppedAt) ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await postgres.start();
    const restartedAt = Date.now();
    // Recovered: new submissions are stored again, by the same server process.
    await eventually(
      async () =>
        load.answers.filter((a) => a.status === 201 && a.at > restartedAt).length >= 100 ? true : undefined,
      30_000,
    );
    await load.stop();

    const statuses = new Set(load.answers.map((a) => a.status));
    expect([...statuses].sort()).toEqual([201, 503]);
    const accepted = load.answers.flatMap((a) => (a.id ? [a.id] : []));
    for (let i = 0; i < accepted.length; i += 50) {
      const found = await Promise.all(
        accepted
          .slice(i, i + 50)
          .map(async (id) => (await fetch(`${url}/api/telecommands/${id}`, { headers: bearer() })).status),
      );
      expect(found.every((status) => status === 200)).toBe(true);
    }
    // The sender recovered too: what was submitted after the restart is dispatched and ends.
    // (Commands it had claimed when the database went away wait for their lease to lapse.)
    const after = load.answers.flatMap((a) => (a.id && a.at > restartedAt ? [a.id] : []));
    const finals = await eventually(async () => {
      const statuses = await Promise.all(
        after.slice(-50).map(
          async (id) =>
            (
              (await (await fetch(`${url}/api/telecommands/${id}`, { headers: bearer() })).json()) as {
                status: string;
              }
            ).status,
        ),
      );
      return statuses.every((s) => s === "executed" || s === "failed") ? statuses : undefined;
    }, 30_000);
    expect(finals).toHaveLength(Math.min(50, after.length));
  }, 180_000);
});
