import { runAuditLogContract } from "@uplink/core/testing";
import { KnexAuditLog } from "../../../src/adapters/postgres/knex-audit-log.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexAuditLog", (ctx) => {
  runAuditLogContract(`KnexAuditLog (${ctx.kind})`, async () => {
    await ctx.empty();
    return { log: new KnexAuditLog(ctx.db()), peer: new KnexAuditLog(await ctx.peer()) };
  });
});
