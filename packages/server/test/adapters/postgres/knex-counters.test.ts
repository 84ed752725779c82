import { runCountersContract } from "@uplink/core/testing";
import { KnexCounters } from "../../../src/adapters/postgres/knex-counters.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexCounters", (ctx) => {
  runCountersContract(`KnexCounters (${ctx.kind})`, async () => {
    await ctx.empty();
    return { counters: new KnexCounters(ctx.db()), peer: new KnexCounters(await ctx.peer()) };
  });
});
