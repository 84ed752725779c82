import { runInhibitStoreContract } from "@uplink/core/testing";
import { KnexInhibitStore } from "../../../src/adapters/postgres/knex-inhibit-store.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexInhibitStore", (ctx) => {
  runInhibitStoreContract(`KnexInhibitStore (${ctx.kind})`, async () => {
    await ctx.empty();
    return { store: new KnexInhibitStore(ctx.db()), peer: new KnexInhibitStore(await ctx.peer()) };
  });
});
