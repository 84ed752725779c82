import { runTelemetryArchiveContract } from "@uplink/core/testing";
import { KnexTelemetryArchive } from "../../../src/adapters/postgres/knex-telemetry-archive.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexTelemetryArchive", (ctx) => {
  runTelemetryArchiveContract(`KnexTelemetryArchive (${ctx.kind})`, async () => {
    await ctx.empty();
    return {
      archive: new KnexTelemetryArchive(ctx.db()),
      peer: new KnexTelemetryArchive(await ctx.peer()),
    };
  });
});
