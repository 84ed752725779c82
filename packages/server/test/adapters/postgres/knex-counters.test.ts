import { runCountersContract } from "@uplink/core/testing";
import { afterAll } from "vitest";
import { KnexCounters } from "../../../src/adapters/postgres/knex-counters.js";
import type { Database } from "../../../src/database/database.js";
import { describeDatabases, openPeer } from "../../support/database.js";

describeDatabases("KnexCounters", (ctx) => {
  // On PostgreSQL the peer is another connection pool on the schema: another process.
  let peerDb: Database | null = null;
  const peerOf = async (db: Database) => {
    if (db.kind !== "postgres") return db;
    peerDb ??= await openPeer(db);
    return peerDb;
  };
  afterAll(async () => {
    await peerDb?.close();
  });

  runCountersContract(`KnexCounters (${ctx.kind})`, async () => {
    await ctx.empty();
    return { counters: new KnexCounters(ctx.db()), peer: new KnexCounters(await peerOf(ctx.db())) };
  });
});
