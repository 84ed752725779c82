import { runDownlinkGapsContract, runDownlinkLogContract } from "@uplink/core/testing";
import { KnexDownlinkLog } from "../../../src/adapters/postgres/knex-downlink-log.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexDownlinkLog", (ctx) => {
  runDownlinkLogContract(`KnexDownlinkLog (${ctx.kind})`, async () => {
    await ctx.empty();
    const log = new KnexDownlinkLog(ctx.db());
    return { log, close: () => log.close() };
  });
  runDownlinkGapsContract(`KnexDownlinkLog (${ctx.kind})`, async () => {
    await ctx.empty();
    const log = new KnexDownlinkLog(ctx.db());
    return { log, close: () => log.close() };
  });
});
