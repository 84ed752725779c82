import { runAuditLogContract } from "@uplink/core/testing";
import { afterAll } from "vitest";
import { KnexAuditLog } from "../../../src/adapters/postgres/knex-audit-log.js";
import type { Database } from "../../../src/database/database.js";
import { describeDatabases, openPeer } from "../../support/database.js";

describeDatabases("KnexAuditLog", (ctx) => {
  let peerDb: Database | null = null;
  const peerOf = async (db: Database) => {
    if (db.kind !== "postgres") return db;
    peerDb ??= await openPeer(db);
    return peerDb;
  };
  afterAll(async () => {
    await peerDb?.close();
  });

  runAuditLogContract(`KnexAuditLog (${ctx.kind})`, async () => {
    await ctx.empty();
    return { log: new KnexAuditLog(ctx.db()), peer: new KnexAuditLog(await peerOf(ctx.db())) };
  });
});
