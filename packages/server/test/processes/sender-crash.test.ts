import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningUplink } from "../../src/composition-root.js";
import {
  describePostgres,
  eventually,
  freshSchema,
  killChildren,
  spawnUplink,
  startServer,
  type TestSchema,
} from "../support/server.js";
import {
  allHistory,
  countsByStatus,
  startTestSpacecraft,
  submitMany,
  transmissionsPerCommand,
  waitAllFinal,
} from "./support/fleet.js";

const COMMANDS = 2_000;
// The shortest lease the sender allows with a 1 s transmit delay: how long the crashed
// sender's claims block its successor.
const LEASE_MS = 31_000;

describePostgres("a sender killed with SIGKILL in the middle of 2 000 commands", () => {
  let schema: TestSchema;
  let api: RunningUplink;
  let spacecraft: Awaited<ReturnType<typeof startTestSpacecraft>>;
  let senderEnv: Record<string, string>;

  beforeAll(async () => {
    schema = await freshSchema();
    const env = {
      DATABASE_URL: schema.databaseUrl,
      UPLINK_ACK_TIMEOUT_MS: "5000",
      UPLINK_EXEC_TIMEOUT_MS: "5000",
    };
    api = await startServer(env, ["--role", "api"]);
    spacecraft = await startTestSpacecraft(api.url as string);
    senderEnv = { ...env, UPLINK_SPACECRAFT_URL: spacecraft.url, UPLINK_TRANSMIT_DELAY_MAX_MS: "1000" };
  });

  afterAll(async () => {
    await killChildren();
    await spacecraft?.dispose();
    await api?.stop();
    await schema?.dispose();
  });

  it("loses no command, has none executed twice by the spacecraft, and ends every one", async () => {
    const first = spawnUplink(["serve", "--role", "sender", "--lease-ms", String(LEASE_MS)], senderEnv);
    await first.ready();
    const ids = await submitMany(api.url as string, COMMANDS);

    // Kill it while it transmits: some commands done, some claimed and waiting, some not claimed.
    await eventually(
      async () => (spacecraft.stats().received >= COMMANDS / 4 ? true : undefined),
      60_000,
      20,
    );
    first.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const atCrash = await countsByStatus(api.url as string);
    expect(atCrash.ready ?? 0).toBeGreaterThan(0);

    const second = spawnUplink(["serve", "--role", "sender", "--lease-ms", String(LEASE_MS)], senderEnv);
    await second.ready();
    const counts = await waitAllFinal(api.url as string, COMMANDS, LEASE_MS + 90_000);
    second.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);

    expect((counts.executed ?? 0) + (counts.failed ?? 0)).toBe(COMMANDS);
    const stats = spacecraft.stats();
    expect(stats.duplicates).toBe(0);
    expect(stats.received).toBeLessThanOrEqual(COMMANDS);
    const transmissions = transmissionsPerCommand(await allHistory(schema.database.db));
    expect([...transmissions.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(transmissions.keys())).toEqual(new Set(ids));
  }, 240_000);
});
