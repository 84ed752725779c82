import { runDictionaryStoreContract } from "@uplink/core/testing";
import { KnexDictionaryStore } from "../../../src/adapters/postgres/knex-dictionary-store.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexDictionaryStore", (ctx) => {
  runDictionaryStoreContract(`KnexDictionaryStore (${ctx.kind})`, async () => {
    await ctx.empty();
    return {
      store: new KnexDictionaryStore(ctx.db()),
      peer: new KnexDictionaryStore(await ctx.peer()),
    };
  });
});
