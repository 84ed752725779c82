import { runTelemetryArchiveContract } from "@uplink/core/testing";
import { afterAll } from "vitest";
import { KnexTelemetryArchive } from "../../../src/adapters/postgres/knex-telemetry-archive.js";
import type { Database } from "../../../src/database/database.js";
import { describeDatabases, openPeer } from "../../support/database.js";

describeDatabases("KnexTelemetryArchive", (ctx) => {
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

  runTelemetryArchiveContract(`KnexTelemetryArchive (${ctx.kind})`, async () => {
    await ctx.empty();
    return {
      archive: new KnexTelemetryArchive(ctx.db()),
      peer: new KnexTelemetryArchive(await peerOf(ctx.db())),
    };
  });
});
