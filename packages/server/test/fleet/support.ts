import { afterAll, afterEach, describe } from "vitest";
import type { RunningUplink } from "../../src/composition-root.js";
import { postgresAvailable } from "../support/database.js";
import { freshSchema, startServer, type TestSchema } from "../support/server.js";
import { bearer } from "../support/tokens.js";

/** A JSON answer. */
export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary wire shapes
  readonly body: any;
  readonly headers: Headers;
}

/** Sends a request as the test admin, with a JSON body (when given), and reads the JSON answer. */
export async function call(url: string, method: string, body?: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method,
    ...(body === undefined
      ? { headers: bearer() }
      : { headers: { "content-type": "application/json", ...bearer() }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** A telemetry frame for `POST /api/downlink`, stamped now. */
export const telemetryFrame = (spacecraftId: string, seq: number, parameters: Record<string, unknown>) => ({
  spacecraftId,
  seq,
  time: new Date().toISOString(),
  type: "telemetry",
  parameters,
});

/** What a fleet suite gets: a way to start a whole Uplink on its database kind. */
export interface FleetSuite {
  readonly kind: "pglite" | "postgres";
  /** Starts Uplink (a fresh database per test) with `env` on top of the fast test settings. */
  start(env?: Record<string, string>): Promise<RunningUplink & { readonly url: string }>;
}

/**
 * Runs a suite against a whole Uplink (composition root, real registry) on the embedded
 * database and on PostgreSQL (a fresh schema per test; skipped without PostgreSQL unless CI).
 */
export function describeFleet(name: string, body: (suite: FleetSuite) => void): void {
  for (const kind of ["pglite", "postgres"] as const) {
    const skip = kind === "postgres" && !postgresAvailable && !process.env.CI;
    (skip ? describe.skip : describe)(`${name} on ${kind}`, () => {
      const running: RunningUplink[] = [];
      const schemas: TestSchema[] = [];
      afterEach(async () => {
        await Promise.all(running.splice(0).map((u) => u.stop()));
      });
      afterAll(async () => {
        await Promise.all(schemas.splice(0).map((s) => s.dispose()));
      });
      body({
        kind,
        async start(env = {}) {
          let databaseUrl: Record<string, string> = {};
          if (kind === "postgres") {
            const schema = await freshSchema();
            schemas.push(schema);
            databaseUrl = { DATABASE_URL: schema.databaseUrl };
          }
          const uplink = await startServer({ ...databaseUrl, ...env });
          running.push(uplink);
          return uplink as RunningUplink & { readonly url: string };
        },
      });
    });
  }
}
