import { readFileSync } from "node:fs";
import {
  ConfigError,
  DictionaryCatalog,
  InMemoryDictionaryStore,
  ManualClock,
  SubmissionChecks,
} from "@uplink/core";
import { describe, expect, it } from "vitest";
import { describeViolation } from "../../src/invariants/invariants.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { SUBMISSION_CHECKS } from "../../src/scenario/tokens.js";
import type { TraceSubmit } from "../../src/trace/trace-record.js";

// The server's bundled demo dictionary: the one its simulated spacecraft share.
const DEMO = JSON.parse(
  readFileSync(new URL("../../../server/dictionaries/demo.json", import.meta.url), "utf8"),
) as { commands: { name: string; category: string }[] };

const HOUR = 3_600_000;

describe("a run with a dictionary", () => {
  it("submits the dictionary's commands, checks them, and matches category inhibits in core's decisions", async () => {
    const { summary, trace, violation } = await runScenario({
      seed: 5,
      commands: 500,
      days: 1,
      spacecraft: ["demo-1", "demo-2"],
      contacts: "periodic:6h/10m",
      dictionary: DEMO,
      inhibits: [
        { at: 2 * HOUR, spacecraftId: "demo-1", categories: ["payload", "power"] },
        { at: 20 * HOUR, spacecraftId: "demo-1", categories: [] },
      ],
      inhibitChanges: 6,
    });
    expect(violation, violation ? describeViolation(violation) : "").toBeNull();
    expect(summary.workloadErrors).toBe(0);
    const records = trace ?? [];
    const submits = records.filter((r): r is TraceSubmit => r.type === "submit");
    const names = new Set(DEMO.commands.map((c) => c.name));
    expect(submits.length).toBeGreaterThan(0);
    expect(submits.every((s) => names.has(s.name))).toBe(true);
    const categoryOf = new Map(DEMO.commands.map((c) => [c.name, c.category]));
    expect(submits.every((s) => s.category === categoryOf.get(s.name))).toBe(true);
    // The operators' unknown names are refused by the ground's dictionary check, never sent.
    expect(summary.refusedAtSubmission).toBeGreaterThan(0);
    expect(summary.spacecraftStats.rejected).toBe(0);
    // A command failed `inhibited` by category alone: its name was never inhibited.
    const inhibitedByCategory = records.filter(
      (r) => r.type === "transition" && r.failureReason === "inhibited" && r.to === "failed",
    );
    expect(inhibitedByCategory.length).toBeGreaterThan(0);
    expect(summary.inhibitedAtSubmission).toBeGreaterThan(0);
  });

  it("gives the same trace for the same seed, and refuses a bad dictionary before the run", async () => {
    const config = { seed: 9, commands: 120, days: 0.5, dictionary: DEMO, inhibitChanges: 4 } as const;
    const [a, b] = await Promise.all([runScenario(config), runScenario(config)]);
    expect(a.summary.traceHash).toBe(b.summary.traceHash);
    await expect(
      runScenario({ ...config, dictionary: { mission: "x", commands: [{ name: "A" }] } }),
    ).rejects.toThrow(ConfigError);
  });

  it("has the spacecraft reject what its dictionary does not know", async () => {
    // A ground that checks nothing (no dictionary in its catalog) lets unknown names through:
    // the spacecraft, which knows only the scenario's dictionary, rejects them.
    const { summary, trace, violation } = await runScenario({
      seed: 3,
      commands: 80,
      days: 0.25,
      contacts: "always",
      dictionary: { mission: "tiny", commands: [{ name: "PING", category: "platform" }] },
      workload: { unknownRate: 0.3 },
      configure: (c) =>
        c.register(SUBMISSION_CHECKS, {
          useValue: new SubmissionChecks(
            new DictionaryCatalog(new InMemoryDictionaryStore(), new ManualClock(0)),
          ),
        }),
    });
    expect(violation).toBeNull();
    expect(summary.refusedAtSubmission).toBe(0);
    const unknown = (trace ?? []).filter((r): r is TraceSubmit => r.type === "submit" && r.name !== "PING");
    expect(unknown.length).toBeGreaterThan(0);
    expect(summary.spacecraftStats.rejected).toBe(unknown.length);
    expect(summary.failureReasons.rejected).toBe(unknown.length);
    expect(summary.statuses.executed ?? 0).toBeGreaterThan(0);
  });
});
