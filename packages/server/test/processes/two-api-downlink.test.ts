import type { DownlinkProcessor, FleetService, TelecommandService } from "@uplink/core";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DOWNLINK_PROCESSOR, FLEET_SERVICE, TELECOMMAND_SERVICE } from "../../src/composition/tokens.js";
import type { RunningUplink } from "../../src/composition-root.js";
import {
  describePostgres,
  eventually,
  freshSchema,
  postJson,
  startServer,
  type TestSchema,
} from "../support/server.js";
import { bearer } from "../support/tokens.js";
import { type DownlinkPlan, downlinkPlanArb, framesFor } from "./support/downlink-plan.js";

const GAP_TIMEOUT_MS = 3_000;

/** One deployment: its API processes on one schema. */
interface Deployment {
  readonly schema: TestSchema;
  readonly processes: readonly RunningUplink[];
}

async function deploy(processes: number): Promise<Deployment> {
  const schema = await freshSchema();
  const env = {
    DATABASE_URL: schema.databaseUrl,
    UPLINK_DOWNLINK_GAP_TIMEOUT_MS: String(GAP_TIMEOUT_MS),
  };
  const started: RunningUplink[] = [];
  for (let i = 0; i < processes; i++) started.push(await startServer(env, ["--role", "api"]));
  return { schema, processes: started };
}

function service(process: RunningUplink): TelecommandService {
  return process.container?.resolve<TelecommandService>(TELECOMMAND_SERVICE) as TelecommandService;
}

function processor(process: RunningUplink): DownlinkProcessor {
  return process.container?.resolve<DownlinkProcessor>(DOWNLINK_PROCESSOR) as DownlinkProcessor;
}

/** Transmitted commands for each spacecraft of the plan, submitted through the first process. */
async function transmitted(deployment: Deployment, plan: DownlinkPlan): Promise<string[][]> {
  const ids: string[][] = [];
  const telecommands = service(deployment.processes[0] as RunningUplink);
  // Only registered spacecraft may be commanded, and only their frames are applied.
  const fleet = deployment.processes[0]?.container?.resolve<FleetService>(FLEET_SERVICE) as FleetService;
  await fleet.ensure(plan.spacecraft.map((id) => ({ id })));
  for (const spacecraftId of plan.spacecraft) {
    const mine: string[] = [];
    for (let i = 0; i < plan.commandsPerSpacecraft; i++) {
      const { command } = await telecommands.submit({ name: "PING", spacecraftId });
      await telecommands.apply(command.id, { type: "TRANSMIT" }, "sender");
      mine.push(command.id);
    }
    ids.push(mine);
  }
  return ids;
}

/** Posts the plan's deliveries in waves of concurrent requests, each to the process the plan names. */
async function deliver(deployment: Deployment, plan: DownlinkPlan, ids: string[][]): Promise<void> {
  const deliveries = framesFor(plan, ids);
  for (let at = 0; at < deliveries.length; at += plan.wave) {
    await Promise.all(
      deliveries.slice(at, at + plan.wave).map(async ({ frames, to }) => {
        const process = deployment.processes[to % deployment.processes.length] as RunningUplink;
        const answer = await postJson(`${process.url}/api/downlink`, frames);
        expect(answer.status).toBe(202);
      }),
    );
  }
}

/** Everything the deployments must agree on, with commands and spacecraft named by their place in the plan. */
async function outcome(deployment: Deployment, plan: DownlinkPlan, ids: string[][]) {
  const telecommands = service(deployment.processes[0] as RunningUplink);
  const commands = [];
  for (const mine of ids) {
    for (const id of mine) {
      const command = await telecommands.get(id);
      const history = (await telecommands.history(id)).map(({ from, to, reason, source, ignored }) => ({
        from,
        to,
        reason,
        source,
        ignored,
      }));
      commands.push({ status: command.status, failureReason: command.failureReason, history });
    }
  }
  const knex = deployment.schema.database.db.knex;
  const place = (id: string) => plan.spacecraft.indexOf(id);
  const cursors = (await knex("downlink_cursors").select("spacecraft_id", "seq"))
    .filter((row) => place(row.spacecraft_id) >= 0)
    .map((row) => [place(row.spacecraft_id), Number(row.seq)])
    .sort();
  const gaps = (await knex("downlink_gaps").select("spacecraft_id", "from_seq", "to_seq", "cause"))
    .filter((row) => place(row.spacecraft_id) >= 0)
    .map((row) => [place(row.spacecraft_id), Number(row.from_seq), Number(row.to_seq), row.cause])
    .sort();
  return { commands, cursors, gaps };
}

/** The downlink counters summed over a deployment's processes, since `before`. */
function counts(deployment: Deployment, before: readonly Record<string, number>[]) {
  const keys = ["received", "accepted", "duplicates", "conflicts", "applied", "late", "gaps"] as const;
  const sums: Record<string, number> = {};
  deployment.processes.forEach((process, i) => {
    const stats = processor(process).stats();
    for (const key of keys) sums[key] = (sums[key] ?? 0) + stats[key] - (before[i]?.[key] ?? 0);
  });
  return sums;
}

async function downlinkStats(process: RunningUplink): Promise<unknown> {
  const body = (await (await fetch(`${process.url}/api/stats`, { headers: bearer() })).json()) as {
    downlink: unknown;
  };
  return body.downlink;
}

function snapshot(deployment: Deployment): Record<string, number>[] {
  return deployment.processes.map((process) => ({ ...processor(process).stats() }));
}

/** Waits until every stream of the plan stands at its last kept frame, with nothing held. */
async function settled(deployment: Deployment, plan: DownlinkPlan): Promise<void> {
  const expected = plan.spacecraft.map((_, s) => plan.lastKept[s] ?? 0);
  await eventually(async () => {
    const rows = await deployment.schema.database.db
      .knex("downlink_cursors")
      .whereIn("spacecraft_id", plan.spacecraft as string[])
      .select("spacecraft_id", "seq");
    const at = plan.spacecraft.map((id) => Number(rows.find((r) => r.spacecraft_id === id)?.seq ?? 0));
    const held = deployment.processes.reduce((n, p) => n + processor(p).stats().buffered, 0);
    return at.every((seq, s) => seq === expected[s]) && held === 0 ? true : undefined;
  }, 30_000);
}

describePostgres("the downlink of one spacecraft spread over two API processes", () => {
  let two: Deployment;
  let one: Deployment;
  let trial = 0;

  beforeAll(async () => {
    two = await deploy(2);
    one = await deploy(1);
  }, 60_000);

  afterAll(async () => {
    for (const deployment of [two, one]) {
      for (const process of deployment?.processes ?? []) await process.stop();
      await deployment?.schema.dispose();
    }
  });

  it("ends as on one process: commands, histories, cursors, gaps and counts", async () => {
    await fc.assert(
      fc.asyncProperty(downlinkPlanArb(), async (shape) => {
        trial++;
        const plan: DownlinkPlan = { ...shape, spacecraft: shape.spacecraft.map((s) => `sc-t${trial}-${s}`) };
        const before = [snapshot(two), snapshot(one)];
        const ids = [await transmitted(two, plan), await transmitted(one, plan)] as const;
        await Promise.all([deliver(two, plan, ids[0]), deliver(one, plan, ids[1])]);
        await Promise.all([settled(two, plan), settled(one, plan)]);

        const spread = await outcome(two, plan, ids[0]);
        const single = await outcome(one, plan, ids[1]);
        expect(spread).toEqual(single);
        expect(spread.gaps).toEqual(plan.expectedGaps);
        const spreadCounts = counts(two, before[0] as Record<string, number>[]);
        expect(spreadCounts).toEqual(counts(one, before[1] as Record<string, number>[]));
        expect(spreadCounts).toMatchObject({ late: 0, duplicates: plan.copies, conflicts: plan.conflicts });
        // The stored counters (every trial so far) read the same from each process and as on one.
        const shown = await Promise.all([...two.processes, ...one.processes].map((p) => downlinkStats(p)));
        for (const other of shown) expect(other).toEqual(shown[0]);
        // Both processes took frames: the stream really was spread.
        for (const process of two.processes) {
          expect(processor(process).stats().received).toBeGreaterThan(0);
        }
      }),
      { numRuns: 4 },
    );
  }, 240_000);
});
