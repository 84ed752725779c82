import { runTelecommandRepositoryContract } from "@uplink/core/testing";
import { KnexTelecommandRepository } from "../../../src/adapters/postgres/knex-telecommand-repository.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexTelecommandRepository", (ctx) => {
  runTelecommandRepositoryContract(`KnexTelecommandRepository (${ctx.kind})`, async () => {
    await ctx.empty();
    return { repository: new KnexTelecommandRepository(ctx.db()) };
  });
});
