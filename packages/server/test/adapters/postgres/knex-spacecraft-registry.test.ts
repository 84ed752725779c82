import { runSpacecraftRegistryContract } from "@uplink/core/testing";
import { KnexSpacecraftRegistry } from "../../../src/adapters/postgres/knex-spacecraft-registry.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexSpacecraftRegistry", (ctx) => {
  runSpacecraftRegistryContract(`KnexSpacecraftRegistry (${ctx.kind})`, async () => {
    await ctx.empty();
    return {
      registry: new KnexSpacecraftRegistry(ctx.db()),
      peer: new KnexSpacecraftRegistry(await ctx.peer()),
    };
  });
});
