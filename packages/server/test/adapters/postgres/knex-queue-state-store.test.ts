import { runQueueStateStoreContract } from "@uplink/core/testing";
import { KnexQueueStateStore } from "../../../src/adapters/postgres/knex-queue-state-store.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexQueueStateStore", (ctx) => {
  runQueueStateStoreContract(`KnexQueueStateStore (${ctx.kind})`, async () => {
    await ctx.empty();
    return {
      store: new KnexQueueStateStore(ctx.db()),
      peer: new KnexQueueStateStore(await ctx.peer()),
    };
  });
});
