import { runDictionaryStoreContract } from "@uplink/core/testing";
import { afterAll } from "vitest";
import { KnexDictionaryStore } from "../../../src/adapters/postgres/knex-dictionary-store.js";
import type { Database } from "../../../src/database/database.js";
import { describeDatabases, openPeer } from "../../support/database.js";

describeDatabases("KnexDictionaryStore", (ctx) => {
  let peerDb: Database | null = null;
  const peerOf = async (db: Database) => {
    if (db.kind !== "postgres") return db;
    peerDb ??= await openPeer(db);
    return peerDb;
  };
  afterAll(async () => {
    await peerDb?.close();
  });

  runDictionaryStoreContract(`KnexDictionaryStore (${ctx.kind})`, async () => {
    await ctx.empty();
    return {
      store: new KnexDictionaryStore(ctx.db()),
      peer: new KnexDictionaryStore(await peerOf(ctx.db())),
    };
  });
});
