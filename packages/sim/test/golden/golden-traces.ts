import { readFileSync, writeFileSync } from "node:fs";
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { ScenarioConfig } from "../../src/scenario/scenario-config.js";

/**
 * The scenarios whose trace hashes are checked in (`packages/sim/golden-traces.json`): small,
 * and between them every part of a run (several spacecraft, senders and restarts, a lossy,
 * reordering, duplicating downlink, windows of another shape, a final-state mix).
 */
export const GOLDEN_SCENARIOS: Readonly<Record<string, ScenarioConfig>> = {
  "one sender, periodic passes": { seed: 1, commands: 300, days: 1, contacts: "periodic:90m/10m" },
  "three senders, two restarts": {
    seed: 7,
    commands: 300,
    days: 1,
    senders: 3,
    crashes: 2,
    spacecraft: ["sc-1", "sc-2"],
  },
  "a faulty downlink": {
    seed: 42,
    commands: 200,
    durationMs: 6 * 3_600_000,
    contacts: "periodic:95m/12m@7m",
    spacecraft: ["sc-1", "sc-2", "sc-3"],
    downlink: { jitterMs: 4_000, lossRate: 0.05, duplicateRate: 0.1, conflictRate: 0.05 },
  },
};

/** Where the accepted hashes are kept, per engine version. */
export const GOLDEN_TRACES_FILE = new URL("../../golden-traces.json", import.meta.url);

/** Accepted trace hashes: per engine version, per scenario. */
export type GoldenTraces = Record<string, Record<string, string>>;

function versionOf(packageJson: URL): string {
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}

/**
 * The engine a trace comes from: the versions of `@uplink/core` (the decisions) and of
 * `@uplink/sim` (the world around them). A new version may change the traces; within one
 * version a change must be accepted on purpose.
 */
export function engineVersion(): string {
  const core = versionOf(new URL("../../../core/package.json", import.meta.url));
  const sim = versionOf(new URL("../../package.json", import.meta.url));
  return `@uplink/core ${core}, @uplink/sim ${sim}`;
}

/** Runs every golden scenario and returns its trace hash. */
export async function currentTraceHashes(): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const [name, config] of Object.entries(GOLDEN_SCENARIOS)) {
    const { summary, violation } = await runScenario({ ...config, keepTrace: false });
    if (violation) throw new Error(`golden scenario "${name}" breaks ${violation.invariant}`);
    hashes[name] = summary.traceHash;
  }
  return hashes;
}

export function readGoldenTraces(): GoldenTraces {
  try {
    return JSON.parse(readFileSync(GOLDEN_TRACES_FILE, "utf8")) as GoldenTraces;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}

export function writeGoldenTraces(traces: GoldenTraces): void {
  writeFileSync(GOLDEN_TRACES_FILE, `${JSON.stringify(traces, null, 2)}\n`);
}
