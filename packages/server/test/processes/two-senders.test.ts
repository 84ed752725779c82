import { byDispatchOrder, type CommandSender, type Telecommand } from "@uplink/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { COMMAND_SENDER } from "../../src/composition/tokens.js";
import type { RunningUplink } from "../../src/composition-root.js";
import { describePostgres, freshSchema, postJson, startServer, type TestSchema } from "../support/server.js";
import { allHistory, startTestSpacecraft, transmissionsPerCommand, waitAllFinal } from "./support/fleet.js";

const COMMANDS = 1_000;

describePostgres("two senders on one PostgreSQL database and one spacecraft", () => {
  let schema: TestSchema;
  let api: RunningUplink;
  let spacecraft: Awaited<ReturnType<typeof startTestSpacecraft>>;
  const senders: RunningUplink[] = [];
  let submitted: Telecommand[] = [];

  beforeAll(async () => {
    schema = await freshSchema();
    // A loaded machine can keep the spacecraft's answer past the default 5 s link timeout; the
    // test is about order and exactly-once, not about the link giving up.
    const env = {
      DATABASE_URL: schema.databaseUrl,
      UPLINK_TRANSMIT_DELAY_MAX_MS: "20",
      UPLINK_LINK_TIMEOUT_MS: "60000",
    };
    api = await startServer(env, ["--role", "api"]);
    spacecraft = await startTestSpacecraft(api.url as string);
    // Every command is queued before the senders start, so that all of them wait together
    // and dispatch order says exactly which goes first.
    for (let i = 0; i < COMMANDS; i++) {
      const { status, body } = await postJson(`${api.url}/api/telecommands`, {
        name: "PING",
        priority: (i * 7) % 5,
        args: { n: i },
      });
      expect(status).toBe(201);
      submitted.push(wireToCommand(body as WireCommand));
    }
    for (let i = 0; i < 2; i++) {
      senders.push(
        await startServer({ ...env, UPLINK_SPACECRAFT_URL: spacecraft.url }, ["--role", "sender"]),
      );
    }
  }, 120_000);

  afterAll(async () => {
    for (const sender of senders) await sender.stop();
    await spacecraft?.dispose();
    await api?.stop();
    await schema?.dispose();
    submitted = [];
  });

  it("transmits no command twice, in dispatch order whatever the random delays, and ends every one", async () => {
    const counts = await waitAllFinal(api.url as string, COMMANDS, 120_000);
    expect((counts.executed ?? 0) + (counts.failed ?? 0)).toBe(COMMANDS);

    const history = await allHistory(schema.database.db);
    const transmissions = transmissionsPerCommand(history);
    expect(transmissions.size).toBe(COMMANDS);
    expect([...transmissions.values()].every((n) => n === 1)).toBe(true);
    // Every command the spacecraft reported on reached it once; on a loaded machine a link can
    // still fail a transmission, and that command then ends by its acceptance timeout, unreceived.
    const reported = new Set(history.filter((e) => e.source === "spacecraft").map((e) => e.commandId));
    const timedOut = new Set(history.filter((e) => e.source === "timeout").map((e) => e.commandId));
    const { received, duplicates } = spacecraft.stats();
    expect(duplicates).toBe(0);
    expect(received).toBeGreaterThanOrEqual(reported.size);
    expect(received).toBeLessThanOrEqual(COMMANDS);
    expect(submitted.filter((c) => !reported.has(c.id) && !timedOut.has(c.id))).toEqual([]);

    // SPEC §2: the commands of one spacecraft leave in dispatch order, with several senders
    // too: along that order, no command was transmitted before one that comes ahead of it.
    const transmittedAt = new Map(
      history.filter((e) => !e.ignored && e.to === "transmitted").map((e) => [e.commandId, e.at]),
    );
    const inOrder = [...submitted].sort(byDispatchOrder).map((c) => transmittedAt.get(c.id) as number);
    const overtaken = inOrder.findIndex((at, i) => i > 0 && at < (inOrder[i - 1] as number));
    expect(overtaken).toBe(-1);

    const transmitted = senders.map(
      (s) => s.container?.resolve<CommandSender>(COMMAND_SENDER).stats().transmitted ?? 0,
    );
    expect(transmitted.reduce((a, b) => a + b, 0)).toBe(COMMANDS);
  }, 180_000);
});

interface WireCommand {
  readonly id: string;
  readonly priority: number;
  readonly createdAt: string;
}

/** What dispatch order reads of a command on the wire. */
function wireToCommand(wire: WireCommand): Telecommand {
  return { id: wire.id, priority: wire.priority, createdAt: Date.parse(wire.createdAt) } as Telecommand;
}
