import type { CommandSender } from "@uplink/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { COMMAND_SENDER } from "../../src/composition/tokens.js";
import type { RunningUplink } from "../../src/composition-root.js";
import { describePostgres, freshSchema, startServer, type TestSchema } from "../support/server.js";
import {
  allHistory,
  startTestSpacecraft,
  submitMany,
  transmissionsPerCommand,
  waitAllFinal,
} from "./support/fleet.js";

const COMMANDS = 1_000;

describePostgres("two senders on one PostgreSQL database", () => {
  let schema: TestSchema;
  let api: RunningUplink;
  let spacecraft: Awaited<ReturnType<typeof startTestSpacecraft>>;
  const senders: RunningUplink[] = [];

  beforeAll(async () => {
    schema = await freshSchema();
    const env = { DATABASE_URL: schema.databaseUrl, UPLINK_TRANSMIT_DELAY_MAX_MS: "20" };
    api = await startServer(env, ["--role", "api"]);
    spacecraft = await startTestSpacecraft(api.url as string);
    for (let i = 0; i < 2; i++) {
      senders.push(
        await startServer({ ...env, UPLINK_SPACECRAFT_URL: spacecraft.url }, ["--role", "sender"]),
      );
    }
  });

  afterAll(async () => {
    for (const sender of senders) await sender.stop();
    await spacecraft?.dispose();
    await api?.stop();
    await schema?.dispose();
  });

  it("transmits no command twice, and every command ends executed or failed", async () => {
    const ids = await submitMany(api.url as string, COMMANDS);
    const counts = await waitAllFinal(api.url as string, COMMANDS, 120_000);
    expect((counts.executed ?? 0) + (counts.failed ?? 0)).toBe(COMMANDS);

    const transmissions = transmissionsPerCommand(await allHistory(schema.database.db));
    expect(transmissions.size).toBe(COMMANDS);
    expect([...transmissions.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(transmissions.keys())).toEqual(new Set(ids));

    const stats = spacecraft.stats();
    expect(stats.received).toBe(COMMANDS);
    expect(stats.duplicates).toBe(0);

    const transmitted = senders.map(
      (s) => s.container?.resolve<CommandSender>(COMMAND_SENDER).stats().transmitted ?? 0,
    );
    expect(transmitted.reduce((a, b) => a + b, 0)).toBe(COMMANDS);
    // Both took part: the claim really was contended.
    expect(transmitted.every((n) => n > 0)).toBe(true);
  }, 180_000);
});
