import { runUserStoreContract } from "@uplink/core/testing";
import { KnexUserStore } from "../../../src/adapters/postgres/knex-user-store.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexUserStore", (ctx) => {
  runUserStoreContract(`KnexUserStore (${ctx.kind})`, async () => {
    await ctx.empty();
    return { store: new KnexUserStore(ctx.db()), peer: new KnexUserStore(await ctx.peer()) };
  });
});
