import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { type TraceChunk, TraceChunkReader, TraceChunkWriter } from "../../src/trace/trace-codec.js";
import type { TraceRecord } from "../../src/trace/trace-record.js";
import { MemoryTrace, toJsonLines } from "../../src/trace/trace-sinks.js";

const DEMO: unknown = JSON.parse(
  readFileSync(new URL("../../../server/dictionaries/demo.json", import.meta.url), "utf8"),
);

/** Writes records through chunks of `capacity` numbers and reads them back. */
function roundTrip(
  records: readonly TraceRecord[],
  options: { capacity?: number; maxCodes?: number } = {},
): { readonly back: TraceRecord[]; readonly chunks: number } {
  const back = new MemoryTrace();
  const reader = new TraceChunkReader(back);
  let chunks = 0;
  const writer = new TraceChunkWriter((chunk: TraceChunk) => {
    chunks++;
    // As another thread gets it: a structured clone.
    reader.read(structuredClone(chunk));
  }, options);
  for (const record of records) writer.write(record);
  writer.flush();
  return { back: back.records, chunks };
}

describe("trace chunks", () => {
  it("give back every record of a run with every feature, field for field and key for key", async () => {
    const { trace } = await runScenario({
      seed: 5,
      commands: 400,
      durationMs: 12 * 3_600_000,
      contacts: "periodic:90m/10m",
      senders: 2,
      crashes: 2,
      inhibitChanges: 2,
      queueChanges: 2,
      workload: { holdRate: 0.2, approvalRate: 0.2 },
      spacecraftBehaviour: { telemetryIntervalMs: 60_000, safeModeMeanMs: 3 * 3_600_000 },
      dictionary: DEMO,
      checkOn: "thread",
    });
    const records = trace ?? [];
    const types = new Set(records.map((r) => r.type));
    for (const type of [
      "submit",
      "transition",
      "uplink",
      "spacecraft",
      "cancel",
      "window",
      "restart",
      "mode",
      "hold",
      "approval",
      "inhibit",
      "queue",
    ])
      expect(types).toContain(type);
    const { back, chunks } = roundTrip(records, { capacity: 256 });
    expect(chunks).toBeGreaterThan(10);
    expect(toJsonLines(back)).toBe(toJsonLines(records));
  });

  it("keep nulls, absent optional fields and strings past the table of codes apart", () => {
    const records: TraceRecord[] = [
      { type: "spacecraft", at: 1, id: "a", spacecraftId: "sc-1", event: "received", success: null },
      { type: "spacecraft", at: 2, id: "a", spacecraftId: "sc-1", event: "executed", success: false },
      {
        type: "submit",
        at: 3,
        id: "b",
        spacecraftId: "sc-2",
        name: "X",
        priority: -2,
        notBefore: null,
        notAfter: 9,
      },
      {
        type: "submit",
        at: 4,
        id: "c",
        spacecraftId: "sc-2",
        name: "Y",
        priority: 0,
        notBefore: 5,
        notAfter: null,
        category: "power",
      },
      {
        type: "transition",
        at: 5,
        id: "c",
        seq: 2,
        eventId: 7,
        from: "ready",
        to: "ready",
        reason: null,
        source: "operator",
        actor: "op-1",
        ignored: false,
        failureReason: null,
        kind: "hold",
      },
      {
        type: "transition",
        at: 6,
        id: "c",
        seq: 3,
        eventId: 8,
        from: null,
        to: "failed",
        reason: "r 1",
        source: "timeout",
        actor: "system",
        ignored: true,
        failureReason: "timed_out",
      },
      { type: "cancel", at: 7, id: "b", ok: false, status: "transmitted" },
      // Ids that cannot travel as Latin-1 bytes with a one-byte length: they go with the values.
      { type: "cancel", at: 7, id: "€-1", ok: true, status: "cancelled" },
      { type: "uplink", at: 7, id: "x".repeat(300), spacecraftId: "sc-1" },
      { type: "uplink", at: 7, id: "café", spacecraftId: "sc-1" },
      { type: "mode", at: 8, spacecraftId: "sc-1", mode: "SAFE", id: null },
      { type: "end", at: 9 },
    ];
    const { back } = roundTrip(records, { maxCodes: 3 });
    expect(back).toEqual(records);
    expect(back.map((r) => Object.keys(r))).toEqual(records.map((r) => Object.keys(r)));
    expect("kind" in (back[5] as object)).toBe(false);
    expect(back.map((r) => ("id" in r ? r.id : null))).toEqual(records.map((r) => ("id" in r ? r.id : null)));
    expect("category" in (back[2] as object)).toBe(false);
  });
});
