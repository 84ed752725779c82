import { randomBytes } from "node:crypto";
import { startUplink } from "../src/composition-root.js";
import { loadConfig } from "../src/config.js";
import { createDatabase } from "../src/database/create-database.js";
import { migrate } from "../src/database/migrate.js";
import type { BenchRow } from "./dispatch.js";

/** Tuning of {@link runTelemetryBench}. */
export interface TelemetryBenchOptions {
  readonly databaseUrl?: string;
  /** Spacecraft sending at once, each on its own connection (default 8). */
  readonly spacecraft?: number;
  /** Frames per POST (default 50). */
  readonly framesPerPost?: number;
  readonly durationMs?: number;
}

const PARAMETERS = [
  "MODE",
  "BATT_V",
  "TEMP_C",
  "BUS_I",
  "SOLAR_W",
  "RW1_RPM",
  "RW2_RPM",
  "RW3_RPM",
  "GYRO",
  "HEATER",
];

/**
 * Telemetry frames per second through `POST /api/downlink` of a whole API process on
 * PostgreSQL (as `uplink serve --role api` runs it: the fleet's door, the telemetry archive,
 * the downlink log and processor), 10 parameters per frame, each registered spacecraft posting
 * batches of frames in seq order on its own connection.
 *
 * @example
 * const rows = await runTelemetryBench({ databaseUrl: "postgres://postgres@127.0.0.1:5432/postgres" });
 */
/** The gateway's token (a `downlink` user, SPEC §10), and the admin's so that no first admin is printed. */
const BENCH_DOWNLINK_TOKEN = "bench-downlink-token-0123456789abcdef";
const BENCH_ADMIN_TOKEN = "bench-admin-token-0123456789abcdef0123";

export async function runTelemetryBench(options: TelemetryBenchOptions = {}): Promise<BenchRow[]> {
  const databaseUrl =
    options.databaseUrl ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const spacecraft = options.spacecraft ?? 8;
  const perPost = options.framesPerPost ?? 200;
  const durationMs = options.durationMs ?? 10_000;
  const schema = `uplink_bench_${randomBytes(4).toString("hex")}`;
  const admin = await createDatabase({ databaseUrl, schema });
  await migrate(admin.knex);
  const url = new URL(databaseUrl);
  url.searchParams.set("schema", schema);
  const ids = Array.from({ length: spacecraft }, (_, i) => `bench-${i + 1}`);
  const uplink = await startUplink(
    loadConfig(["--role", "api", "--port", "0"], {
      DATABASE_URL: url.toString(),
      LOG_LEVEL: "silent",
      UPLINK_SPACECRAFT: ids.join(","),
      UPLINK_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
      UPLINK_DOWNLINK_TOKEN: BENCH_DOWNLINK_TOKEN,
    }),
  );
  try {
    const base = uplink.url as string;
    const deadline = Date.now() + durationMs;
    const started = Date.now();
    let frames = 0;
    await Promise.all(
      ids.map(async (spacecraftId) => {
        let seq = 0;
        while (Date.now() < deadline) {
          const body = Array.from({ length: perPost }, () => {
            seq++;
            const parameters: Record<string, number | string> = {};
            for (const [k, name] of PARAMETERS.entries())
              parameters[name] = name === "MODE" ? "NOMINAL" : seq + k / 10;
            return {
              spacecraftId,
              seq,
              time: new Date(started + seq).toISOString(),
              type: "telemetry",
              parameters,
            };
          });
          const response = await fetch(`${base}/api/downlink`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${BENCH_DOWNLINK_TOKEN}` },
            body: JSON.stringify(body),
          });
          await response.arrayBuffer();
          if (response.status !== 202) throw new Error(`POST /api/downlink answered ${response.status}`);
          frames += perPost;
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    return [
      {
        name: `POST /api/downlink telemetry, 10 parameters, ${spacecraft} spacecraft × ${perPost} frames per POST (PostgreSQL)`,
        value: frames / seconds,
        unit: "frames/s",
        target: ">= 5000",
      },
    ];
  } finally {
    await uplink.stop();
    await admin.knex.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await admin.close();
  }
}
