import { afterAll, describe, expect, it } from "vitest";
import type { RunningUplink } from "../../src/composition-root.js";
import {
  describePostgres,
  eventually,
  freshSchema,
  postJson,
  startServer,
  type TestSchema,
  tempDir,
} from "../support/server.js";
import { bearer } from "../support/tokens.js";

const T = "2030-01-01T00:00:00Z";
const GAP_ENV = {
  UPLINK_SPACECRAFT: "sc-9",
  UPLINK_DOWNLINK_GAP_TIMEOUT_MS: "100",
};

interface DownlinkStats {
  readonly downlinkDuplicates: number;
  readonly downlinkGaps: number;
  readonly downlink: Record<string, number>;
}

async function stats(uplink: RunningUplink): Promise<DownlinkStats> {
  return (await (await fetch(`${uplink.url}/api/stats`, { headers: bearer() })).json()) as DownlinkStats;
}

const frame = (seq: number, extra: object = {}) => ({
  spacecraftId: "sc-9",
  seq,
  time: T,
  type: "telemetry",
  parameters: { N: seq },
  ...extra,
});

/** Frames over two processes (or one twice): duplicates, a conflict, an unknown command and type, a gap of 2. */
async function sendSome(a: RunningUplink, b: RunningUplink): Promise<void> {
  const post = async (to: RunningUplink, body: unknown) =>
    expect((await postJson(`${to.url}/api/downlink`, body)).status).toBe(202);
  await post(a, [frame(1), frame(2), frame(5)]);
  await post(b, [frame(2), frame(1, { parameters: { N: 0 } })]);
  await post(a, {
    spacecraftId: "sc-9",
    seq: 6,
    time: T,
    type: "acceptance",
    commandId: "none",
    success: true,
  });
  await post(b, [frame(7, { type: "beacon" }), frame(6, { type: "beacon" })]);
}

const EXPECTED = {
  downlinkDuplicates: 1,
  downlinkGaps: 2,
  downlink: {
    received: 8,
    accepted: 5,
    duplicates: 1,
    conflicts: 2,
    gaps: 2,
    late: 0,
    unknownCommand: 1,
    unknownType: 1,
    telemetry: 3,
  },
};

/** Stats once the gap before seq 5 has been skipped and everything after it applied. */
function settledStats(uplink: RunningUplink): Promise<DownlinkStats> {
  return eventually(async () => {
    const now = await stats(uplink);
    return now.downlinkGaps === 2 && now.downlink.unknownType === 1 ? now : undefined;
  }, 10_000);
}

describePostgres("downlink counters across API processes on PostgreSQL", () => {
  let schema: TestSchema | null = null;
  const running: RunningUplink[] = [];
  afterAll(async () => {
    await Promise.all(running.map((u) => u.stop()));
    await schema?.dispose();
  });

  it("are the same from every process and survive a restart", async () => {
    schema = await freshSchema();
    const env = { DATABASE_URL: schema.databaseUrl, ...GAP_ENV };
    const a = await startServer(env, ["--role", "api"]);
    const b = await startServer(env, ["--role", "api"]);
    running.push(a, b);
    await sendSome(a, b);
    expect(await settledStats(a)).toMatchObject(EXPECTED);
    expect(await stats(b)).toMatchObject(EXPECTED);

    await a.stop();
    await b.stop();
    running.length = 0;
    const c = await startServer(env, ["--role", "api"]);
    running.push(c);
    expect(await stats(c)).toMatchObject(EXPECTED);
    const gaps = (await (await fetch(`${c.url}/api/downlink/gaps`, { headers: bearer() })).json()) as {
      items: unknown[];
    };
    expect(gaps.items).toEqual([
      expect.objectContaining({ spacecraftId: "sc-9", fromSeq: 3, toSeq: 4, missing: 2 }),
    ]);
  });
});

describe("downlink counters on the embedded database", () => {
  const dir = tempDir();
  afterAll(() => dir.dispose());

  it("survive a restart, with the gaps", { timeout: 90_000 }, async () => {
    const env = { UPLINK_DATA_DIR: dir.path, ...GAP_ENV };
    const first = await startServer(env);
    try {
      await sendSome(first, first);
      expect(await settledStats(first)).toMatchObject(EXPECTED);
    } finally {
      await first.stop();
    }
    const second = await startServer(env);
    try {
      expect(await stats(second)).toMatchObject(EXPECTED);
      const gaps = (await (await fetch(`${second.url}/api/downlink/gaps`, { headers: bearer() })).json()) as {
        items: unknown[];
      };
      expect(gaps.items).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
