import { describe, expect, it } from "vitest";
import { checkOnWorker } from "../../src/checking/check-on-worker.js";
import type { TraceRecord } from "../../src/trace/trace-record.js";

describe("a trace checker on a worker thread that fails", () => {
  it("says so when the verdict is asked for, with the worker's error", async () => {
    const check = checkOnWorker({ expectedCommands: 10 });
    // A record the checker cannot take: its inhibited commands are not a list.
    const broken = { type: "inhibit", at: 0, spacecraftId: "sc-1", categories: [], commands: 5 };
    check.sink.write(broken as unknown as TraceRecord);
    check.sink.write({ type: "end", at: 1 });
    await expect(check.finish()).rejects.toThrow(/the trace checker failed: TypeError/);
  });

  it("gives a verdict on the records it was given, however few", async () => {
    const check = checkOnWorker({});
    check.sink.write({ type: "end", at: 5 });
    await expect(check.finish()).resolves.toMatchObject({ records: 1, violation: null });
  });
});
