import { runUserStoreContract } from "@uplink/core/testing";
import { afterAll } from "vitest";
import { KnexUserStore } from "../../../src/adapters/postgres/knex-user-store.js";
import type { Database } from "../../../src/database/database.js";
import { describeDatabases, openPeer } from "../../support/database.js";

describeDatabases("KnexUserStore", (ctx) => {
  let peerDb: Database | null = null;
  const peerOf = async (db: Database) => {
    if (db.kind !== "postgres") return db;
    peerDb ??= await openPeer(db);
    return peerDb;
  };
  afterAll(async () => {
    await peerDb?.close();
  });

  runUserStoreContract(`KnexUserStore (${ctx.kind})`, async () => {
    await ctx.empty();
    return { store: new KnexUserStore(ctx.db()), peer: new KnexUserStore(await peerOf(ctx.db())) };
  });
});
