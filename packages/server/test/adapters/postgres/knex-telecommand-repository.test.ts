import { Lifecycle } from "@uplink/core";
import { runTelecommandRepositoryContract } from "@uplink/core/testing";
import { pusLifecycle } from "../../../../../examples/custom-lifecycle/src/pus-lifecycle.js";
import { KnexTelecommandRepository } from "../../../src/adapters/postgres/knex-telecommand-repository.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexTelecommandRepository", (ctx) => {
  runTelecommandRepositoryContract(`KnexTelecommandRepository (${ctx.kind})`, async () => {
    await ctx.empty();
    return { repository: new KnexTelecommandRepository(ctx.db()) };
  });
});

// examples/custom-lifecycle's lifecycle renames `ready` to `queued`: the database is migrated
// with it, and the repository claims from `queued` through the indexes built for it.
const pus = new Lifecycle(pusLifecycle);
describeDatabases(
  "KnexTelecommandRepository with the PUS lifecycle",
  (ctx) => {
    runTelecommandRepositoryContract(
      `KnexTelecommandRepository (${ctx.kind}, PUS lifecycle)`,
      async () => {
        await ctx.empty();
        return { repository: new KnexTelecommandRepository(ctx.db(), { lifecycle: pus }) };
      },
      {},
      { lifecycle: pus },
    );
  },
  { migrate: { lifecycle: pus } },
);
