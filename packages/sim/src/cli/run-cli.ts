import { readFileSync, writeFileSync } from "node:fs";
import { ConfigError } from "@uplink/core";
import { describeViolation } from "../invariants/invariants.js";
import { runScenario } from "../scenario/run-scenario.js";
import type { ScenarioConfig } from "../scenario/scenario-config.js";
import { TimelineSampler } from "../svg/timeline-sampler.js";
import { renderTimeline } from "../svg/timeline-svg.js";
import type { TraceSink } from "../trace/trace-record.js";
import { parseRunArgs, USAGE } from "./cli-args.js";
import { FileTraceWriter } from "./file-trace-writer.js";
import { ProgressBar, type ProgressOutput } from "./progress-bar.js";
import { formatSummary } from "./summary-table.js";

/** What the CLI talks to; tests pass their own. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: ProgressOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly wallClock: () => number;
}

/** Exit code: every invariant holds. */
export const EXIT_OK = 0;
/** Exit code: an invariant broke (the first one is named on stderr). */
export const EXIT_INVARIANT_BROKEN = 1;
/** Exit code: bad arguments or configuration. */
export const EXIT_USAGE = 2;

/**
 * `uplink-sim run --seed N --commands N --days N [--contacts SPEC] [--svg FILE] [--json FILE]`
 * (SPEC §7): runs a scenario with a progress bar on a terminal, prints a summary table, writes
 * the requested files, and returns the exit code (1 naming the first broken invariant).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo(),
  /** Merged into the scenario (tests inject faulty ports here through `configure`). */
  overrides: Partial<ScenarioConfig> = {},
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help" || rest.includes("--help")) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (command !== "run") {
    io.stderr.write(
      `uplink-sim: ${command === undefined ? "no command given" : `unknown command ${command}`}\n${USAGE}`,
    );
    return EXIT_USAGE;
  }
  try {
    const args = parseRunArgs(rest, io.env);
    const sinks: TraceSink[] = [];
    const sampler = args.svg ? new TimelineSampler(args.commands, 60) : null;
    if (sampler) sinks.push(sampler);
    const file = args.trace ? new FileTraceWriter(args.trace) : null;
    if (file) sinks.push(file);
    const bar = new ProgressBar(io.stderr, io.wallClock, io.stderr.isTTY === true && !args.quiet);
    let result: Awaited<ReturnType<typeof runScenario>>;
    try {
      result = await runScenario({
        seed: args.seed,
        senders: args.senders,
        crashes: args.crashes,
        inhibitChanges: args.inhibits,
        queueChanges: args.queues,
        ...(args.dictionary === undefined ? {} : { dictionary: readDictionaryFile(args.dictionary) }),
        ...((args.approvals > 0 || args.holds > 0) && {
          workload: { approvalRate: args.approvals, holdRate: args.holds },
        }),
        commands: args.commands,
        days: args.days,
        contacts: args.contacts,
        ...(args.stations === undefined ? {} : { stations: args.stations }),
        spacecraft: args.spacecraft,
        ...(args.start === undefined ? {} : { start: args.start }),
        spacecraftBehaviour: {
          telemetryIntervalMs: args.housekeepingMs,
          safeModeMeanMs: args.safeModeMeanMs,
        },
        downlink: {
          jitterMs: args.jitterMs,
          lossRate: args.lossRate,
          duplicateRate: args.duplicateRate,
          conflictRate: args.conflictRate,
        },
        keepTrace: false,
        ...(sinks.length > 0
          ? { traceSink: sinks.length === 1 ? (sinks[0] as TraceSink) : fanOutSinks(sinks) }
          : {}),
        onProgress: (p) => bar.update(p),
        ...overrides,
      });
    } finally {
      bar.done();
      file?.close();
    }
    const { summary, violation } = result;
    if (sampler && args.svg) {
      const title = `uplink-sim run --seed ${args.seed} --commands ${args.commands} --days ${args.days} --contacts ${args.contacts}`;
      writeFileSync(args.svg, renderTimeline(sampler.records, { totalCommands: sampler.commands, title }));
    }
    if (args.json) {
      // Beside the wall-clock figures, the process's peak memory and the CPU time it used
      // (user and system, start-up and the collector's threads included): measurements of this
      // machine, where everything else in the summary is the same for the same seed. On a
      // shared machine the wall clock also counts the time others' work held the CPU; the CPU
      // time does not.
      const usage = process.resourceUsage();
      const peakRssMiB = Math.round(usage.maxRSS / 1024);
      const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
      writeFileSync(args.json, `${JSON.stringify({ ...summary, peakRssMiB, cpuMs }, null, 2)}\n`);
    }
    io.stdout.write(formatSummary(summary));
    if (violation) {
      io.stderr.write(`uplink-sim: invariant broken: ${describeViolation(violation)}\n`);
      return EXIT_INVARIANT_BROKEN;
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`uplink-sim: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function fanOutSinks(sinks: readonly TraceSink[]): TraceSink {
  return {
    write(record) {
      for (const s of sinks) s.write(record);
    },
  };
}

function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    wallClock: () => performance.now(),
  };
}

/** The JSON of a dictionary file; an unreadable or malformed one is a usage error naming the flag. */
function readDictionaryFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(
      "--dictionary",
      "a readable dictionary file",
      `--dictionary: cannot read ${path}: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      "--dictionary",
      "a JSON dictionary file",
      `--dictionary: ${path} is not JSON: ${(error as Error).message}`,
    );
  }
}
