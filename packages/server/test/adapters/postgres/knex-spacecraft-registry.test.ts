import { runSpacecraftRegistryContract } from "@uplink/core/testing";
import { afterAll } from "vitest";
import { KnexSpacecraftRegistry } from "../../../src/adapters/postgres/knex-spacecraft-registry.js";
import type { Database } from "../../../src/database/database.js";
import { describeDatabases, openPeer } from "../../support/database.js";

describeDatabases("KnexSpacecraftRegistry", (ctx) => {
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

  runSpacecraftRegistryContract(`KnexSpacecraftRegistry (${ctx.kind})`, async () => {
    await ctx.empty();
    return {
      registry: new KnexSpacecraftRegistry(ctx.db()),
      peer: new KnexSpacecraftRegistry(await peerOf(ctx.db())),
    };
  });
});
