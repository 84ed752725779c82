import { downlinkTotalsOf } from "@uplink/core";
import { makeFrame } from "@uplink/core/testing";
import { afterEach, beforeEach, expect, it } from "vitest";
import { KnexCounters } from "../../../src/adapters/postgres/knex-counters.js";
import { KnexDownlinkLog } from "../../../src/adapters/postgres/knex-downlink-log.js";
import { describeDatabases } from "../../support/database.js";

describeDatabases("KnexDownlinkLog counters", (ctx) => {
  let log: KnexDownlinkLog;
  beforeEach(async () => {
    await ctx.empty();
    log = new KnexDownlinkLog(ctx.db());
  });
  afterEach(() => log.close());

  it("counts each frame as it is stored, and each save's applied frames and missing seqs", async () => {
    const answers = await Promise.all([
      log.append(makeFrame({ seq: 1 }), 1),
      log.append(makeFrame({ seq: 2 }), 1),
      log.append(makeFrame({ seq: 5 }), 1),
      log.append(makeFrame({ spacecraftId: "sc-2", seq: 1 }), 1),
    ]);
    expect(answers).toEqual(["new", "new", "new", "new"]);
    expect(await log.append(makeFrame({ seq: 1 }), 2)).toBe("duplicate");
    expect(await log.append(makeFrame({ seq: 2, parameters: { v: 0 } }), 2)).toBe("conflict");
    expect(await log.append(makeFrame({ seq: 2, parameters: { v: 1 } }), 2)).toBe("conflict");
    await log.save({
      spacecraftId: "sc-1",
      cursor: 5,
      gaps: [{ spacecraftId: "sc-1", fromSeq: 3, toSeq: 4, at: 3, cause: "timeout" }],
      applied: 3,
      late: 1,
      unknownCommand: 1,
      unknownType: 0,
      telemetry: 2,
    });
    const totals = downlinkTotalsOf(await new KnexCounters(ctx.db()).read());
    expect(totals).toEqual({
      received: 7,
      accepted: 4,
      duplicates: 1,
      conflicts: 2,
      applied: 3,
      late: 1,
      gaps: 2,
      unknownCommand: 1,
      unknownType: 0,
      telemetry: 2,
    });
  });
});
