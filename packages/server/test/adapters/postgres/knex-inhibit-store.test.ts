import { runInhibitStoreContract } from "@uplink/core/testing";
import { afterAll } from "vitest";
import { KnexInhibitStore } from "../../../src/adapters/postgres/knex-inhibit-store.js";
import type { Database } from "../../../src/database/database.js";
import { describeDatabases, openPeer } from "../../support/database.js";

describeDatabases("KnexInhibitStore", (ctx) => {
  let peerDb: Database | null = null;
  const peerOf = async (db: Database) => {
    if (db.kind !== "postgres") return db;
    peerDb ??= await openPeer(db);
    return peerDb;
  };
  afterAll(async () => {
    await peerDb?.close();
  });

  runInhibitStoreContract(`KnexInhibitStore (${ctx.kind})`, async () => {
    await ctx.empty();
    return { store: new KnexInhibitStore(ctx.db()), peer: new KnexInhibitStore(await peerOf(ctx.db())) };
  });
});
