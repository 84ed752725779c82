import { runQueueStateStoreContract } from "@uplink/core/testing";
import { afterAll } from "vitest";
import { KnexQueueStateStore } from "../../../src/adapters/postgres/knex-queue-state-store.js";
import type { Database } from "../../../src/database/database.js";
import { describeDatabases, openPeer } from "../../support/database.js";

describeDatabases("KnexQueueStateStore", (ctx) => {
  let peerDb: Database | null = null;
  const peerOf = async (db: Database) => {
    if (db.kind !== "postgres") return db;
    peerDb ??= await openPeer(db);
    return peerDb;
  };
  afterAll(async () => {
    await peerDb?.close();
  });

  runQueueStateStoreContract(`KnexQueueStateStore (${ctx.kind})`, async () => {
    await ctx.empty();
    return {
      store: new KnexQueueStateStore(ctx.db()),
      peer: new KnexQueueStateStore(await peerOf(ctx.db())),
    };
  });
});
