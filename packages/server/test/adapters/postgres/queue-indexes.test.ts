import { dispatchOrderOf, Lifecycle } from "@uplink/core";
import { makeTelecommand } from "@uplink/core/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { pusLifecycle } from "../../../../../examples/custom-lifecycle/src/pus-lifecycle.js";
import { KnexTelecommandRepository } from "../../../src/adapters/postgres/knex-telecommand-repository.js";
import { QueueLayout, type QueueLayoutOptions } from "../../../src/adapters/postgres/queue-layout.js";
import { claimQueued } from "../../../src/adapters/postgres/sql/claim-queued.js";
import { nextNotBefore } from "../../../src/adapters/postgres/sql/next-not-before.js";
import { spacecraftWithQueued } from "../../../src/adapters/postgres/sql/spacecraft-with-queued.js";
import type { Runner, SqlValue } from "../../../src/adapters/postgres/sql/sql-runner.js";
import type { Database } from "../../../src/database/database.js";
import { migrate } from "../../../src/database/migrate.js";
import { describeDatabases } from "../../support/database.js";

const NOW = Date.parse("2030-01-01T00:00:00Z");

function sqlLiteral(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  return `ARRAY[${value.map(sqlLiteral).join(", ")}]::text[]`;
}

/**
 * A runner that plans instead of running: each statement is prepared and EXPLAINed with the
 * generic plan a prepared statement gets (which cannot see bound values), with sequential
 * scans priced out, so that a plan names a partial index only if the statement's predicate
 * proves the index's.
 */
let probes = 0;

function planner(db: Database, plans: string[]): Runner {
  return {
    async rows<T>(sql: string, bindings: readonly SqlValue[]): Promise<T[]> {
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${++n}`);
      await db.knex.transaction(async (trx) => {
        await trx.raw("SET LOCAL enable_seqscan = off");
        await trx.raw("SET LOCAL plan_cache_mode = force_generic_plan");
        // A prepared statement outlives a failed transaction: a name of its own each time.
        const name = `queue_probe_${++probes}`;
        await trx.raw(`PREPARE ${name} AS ${text}`);
        const args = bindings.length > 0 ? `(${bindings.map(sqlLiteral).join(", ")})` : "";
        const result = await trx.raw(`EXPLAIN EXECUTE ${name}${args}`);
        await trx.raw(`DEALLOCATE ${name}`);
        plans.push((result.rows as { "QUERY PLAN": string }[]).map((row) => row["QUERY PLAN"]).join("\n"));
      });
      return [];
    },
  };
}

async function queueIndexDefinitions(db: Database): Promise<string[]> {
  const result = await db.knex.raw<{ rows: { indexdef: string }[] }>(
    "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'telecommands' ORDER BY indexname",
  );
  return result.rows.map((row) => row.indexdef);
}

const layouts: [string, QueueLayoutOptions][] = [
  ["the default lifecycle", {}],
  ["examples/custom-lifecycle's PUS lifecycle", { lifecycle: new Lifecycle(pusLifecycle) }],
];

describeDatabases("the queue's partial indexes", (ctx) => {
  for (const [title, options] of layouts) {
    describe(`with ${title}`, () => {
      const layout = new QueueLayout(options);
      const [dispatch, spacecraft, notBefore] = layout.indexes().map((index) => index.name);
      const queued = layout.statuses;

      beforeAll(async () => {
        await migrate(ctx.db().knex, options);
      });

      it("are built on the lifecycle's queued states, and no index names another state", async () => {
        const definitions = (await queueIndexDefinitions(ctx.db())).join("\n");
        for (const name of [dispatch, spacecraft, notBefore]) expect(definitions).toContain(name);
        for (const status of queued) expect(definitions).toContain(`'${status}'`);
        const others = new Lifecycle(options.lifecycle?.definition).statuses.filter(
          (s) => !queued.includes(s),
        );
        for (const status of [...others, "ready"].filter((s) => !queued.includes(s)))
          expect(definitions).not.toContain(`'${status}'`);
      });

      it("serve the claim, for all spacecraft and for one, even as a generic plan", async () => {
        const plans: string[] = [];
        const runner = planner(ctx.db(), plans);
        const request = { owner: "plan", now: NOW, leaseMs: 1, limit: 10, statuses: queued };
        await claimQueued(runner, request, layout);
        await claimQueued(runner, { ...request, spacecraftIds: ["sc-1"] }, layout);
        expect(plans[0]).toContain(dispatch);
        expect(plans[1]).toContain(spacecraft);
      });

      it("serve the spacecraft with queued commands and the next notBefore", async () => {
        const plans: string[] = [];
        const runner = planner(ctx.db(), plans);
        await spacecraftWithQueued(runner, layout, queued);
        await nextNotBefore(runner, layout, queued, NOW);
        expect(plans[0]).toContain(spacecraft);
        expect(plans[1]).toContain(notBefore);
      });
    });
  }

  it("follow the lifecycle the database is migrated with: another one's indexes are dropped", async () => {
    const db = ctx.db();
    const pus = new QueueLayout({ lifecycle: new Lifecycle(pusLifecycle) });
    const standard = new QueueLayout();
    await migrate(db.knex, { lifecycle: new Lifecycle(pusLifecycle) });
    await migrate(db.knex);
    const names = (await queueIndexDefinitions(db)).join("\n");
    for (const index of standard.indexes()) expect(names).toContain(index.name);
    for (const index of pus.indexes()) expect(names).not.toContain(index.name);
  });

  it("take the claim's order from core's dispatch order", async () => {
    const db = ctx.db();
    const dispatchOrder = dispatchOrderOf([{ field: "createdAt", direction: "asc" }]);
    const layout = new QueueLayout({ dispatchOrder });
    await migrate(db.knex, { dispatchOrder });
    await ctx.empty();
    const repository = new KnexTelecommandRepository(db, { dispatchOrder });
    const urgent = makeTelecommand({ priority: 9, createdAt: NOW - 10 });
    const oldest = makeTelecommand({ priority: 0, createdAt: NOW - 20 });
    await repository.insert(urgent);
    await repository.insert(oldest);
    const claimed = await repository.claim({
      owner: "s",
      now: NOW,
      leaseMs: 1_000,
      limit: 2,
      statuses: ["ready"],
    });
    expect(claimed.map((c) => c.id)).toEqual([oldest.id, urgent.id]);
    const plans: string[] = [];
    await claimQueued(
      planner(db, plans),
      { owner: "plan", now: NOW, leaseMs: 1, limit: 10, statuses: ["ready"] },
      layout,
    );
    expect(plans[0]).toContain(layout.indexes()[0]?.name);
    expect((await queueIndexDefinitions(db)).join("\n")).toContain(
      "(created_at, id) WHERE (status = 'ready'::text)",
    );
    await migrate(db.knex);
  });
});
