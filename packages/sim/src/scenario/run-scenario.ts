import {
  type CommandSender,
  type InhibitCatalog,
  type QueueCatalog,
  ready,
  SeededRandom,
} from "@uplink/core";
import { VirtualClock } from "../clock/virtual-clock.js";
import { INVARIANTS, type InvariantName, type Violation } from "../invariants/invariants.js";
import type { TraceRecord } from "../trace/trace-record.js";
import { crashInstants } from "./crash-schedule.js";
import { workloadCommands } from "./dictionary-workload.js";
import { inhibitTimeline, seededInhibitChanges } from "./inhibit-schedule.js";
import { queueTimeline, seededQueueChanges } from "./queue-schedule.js";
import { buildScenario } from "./scenario-builder.js";
import {
  DEFAULT_DRAIN_MS,
  type ScenarioConfig,
  scenarioDictionary,
  scenarioTimeouts,
  validateScenario,
} from "./scenario-config.js";
import {
  contactsName,
  defaultStart,
  openScenarioTrace,
  resolvePlan,
  type ScenarioTrace,
  writeTraceHead,
} from "./scenario-setup.js";
import { type ScenarioSummary, sumDownlinkStats, sumSenderStats } from "./scenario-summary.js";
import { INHIBIT_CATALOG, QUEUE_CATALOG } from "./tokens.js";
import { startWorkload } from "./workload.js";

/** A finished run. */
export interface ScenarioResult {
  readonly summary: ScenarioSummary;
  /** Every record, unless `keepTrace: false`. */
  readonly trace: readonly TraceRecord[] | null;
  /** The first broken invariant, or null. */
  readonly violation: Violation | null;
}

const HOUR = 3_600_000;

/**
 * Runs core's own services — the TelecommandService, the command senders with their timeout
 * watchers, and the downlink processor, on core's in-memory repository and downlink log — on
 * a {@link VirtualClock} with a seeded random stream, against a {@link SimulatedSpacecraft}
 * behind an {@link UnreliableDownlink}, while simulated operators submit and cancel commands.
 * With `senders`, several senders share the repository; with `crashes`, the ground restarts
 * at seeded instants. The trace is hashed and checked for every invariant as it is written;
 * it is also kept (unless `keepTrace: false`) or streamed to `traceSink`. The same config
 * gives the same trace.
 *
 * @example
 * const { summary, violation } = await runScenario({ seed: 42, commands: 1000, days: 2, contacts: "periodic:90m/10m" });
 * console.log(summary.statuses, summary.traceHash, violation ?? "all invariants hold");
 */
export async function runScenario(config: ScenarioConfig): Promise<ScenarioResult> {
  const validated = validateScenario(config);
  const opened = openScenarioTrace(config);
  try {
    return await runOn(config, validated, opened);
  } catch (error) {
    opened.check.abandon();
    throw error;
  }
}

async function runOn(
  config: ScenarioConfig,
  { durationMs, workload: workloadOptions }: ReturnType<typeof validateScenario>,
  { sink: trace, check, memory }: ScenarioTrace,
): Promise<ScenarioResult> {
  const spacecraft = config.spacecraft ?? ["sc-1"];
  const plan = resolvePlan(config);
  const start = config.start ?? defaultStart(plan, spacecraft[0] as string);
  const endOfSubmissions = start + durationMs;
  const horizon = endOfSubmissions + (config.drainMs ?? DEFAULT_DRAIN_MS);
  const timeouts = scenarioTimeouts(config);
  const dictionary = scenarioDictionary(config);
  const commands = dictionary ? workloadCommands(dictionary) : undefined;

  const clock = new VirtualClock(start);
  const random = new SeededRandom(config.seed);
  const parts = buildScenario(config, {
    clock,
    plan,
    timeouts,
    trace,
    random,
    ...(config.configure ? { configure: config.configure } : {}),
  });
  const workloadRandom = random.fork();
  const crashes = crashInstants(random.fork(), config.crashes ?? 0, start, endOfSubmissions);
  // Forked only when asked for, so that runs without seeded inhibits keep their traces.
  const seededInhibits =
    (config.inhibitChanges ?? 0) > 0
      ? seededInhibitChanges(random.fork(), config.inhibitChanges ?? 0, durationMs, spacecraft, dictionary)
      : [];

  // Forked only when asked for, so that runs without seeded queue pauses keep their traces.
  const seededQueues =
    (config.queueChanges ?? 0) > 0
      ? seededQueueChanges(random.fork(), config.queueChanges ?? 0, durationMs, spacecraft)
      : [];

  const started = performance.now();
  const first = parts.start();
  writeTraceHead(trace, config, {
    start,
    horizon,
    plan,
    lifecycleId: first.service.lifecycle.definition.id,
    timeouts,
    spacecraft,
    sender: (first.senders[0] as CommandSender).options,
  });
  const workload = startWorkload(
    { clock, random: workloadRandom, service: () => parts.ground().service, trace },
    workloadOptions,
    { start, durationMs, count: config.commands, spacecraft, ...(commands ? { commands } : {}) },
  );
  for (const at of crashes) {
    clock.schedule(at - start, () => {
      trace.write({ type: "restart", at: clock.now() });
      parts.restart();
    });
  }

  const inhibitChanges = inhibitTimeline([...(config.inhibits ?? []), ...seededInhibits], start);
  for (const change of inhibitChanges) {
    clock.schedule(change.at - start, () => {
      const inhibits = ready(
        parts
          .ground()
          .container.resolve<InhibitCatalog>(INHIBIT_CATALOG)
          .put(change.spacecraftId, { categories: change.categories ?? [], commands: change.commands ?? [] }),
        "the inhibit catalog",
      );
      trace.write({ type: "inhibit", at: clock.now(), spacecraftId: change.spacecraftId, ...inhibits });
    });
  }

  const queueChanges = queueTimeline([...(config.queues ?? []), ...seededQueues], start);
  for (const change of queueChanges) {
    clock.schedule(change.at - start, () => {
      const catalog = parts.ground().container.resolve<QueueCatalog>(QUEUE_CATALOG);
      const state = ready(catalog.set(change.spacecraftId, { state: change.state }), "the queue catalog");
      trace.write({ type: "queue", at: clock.now(), spacecraftId: change.spacecraftId, state });
    });
  }

  const step = config.progressEveryMs ?? HOUR;
  const progress = () =>
    config.onProgress?.({
      now: clock.now(),
      start,
      end: horizon,
      submitted: workload.submitted(),
      commands: config.commands,
      events: clock.eventsRun,
    });
  while (clock.now() < horizon) {
    clock.runUntil(Math.min(clock.now() + step, horizon));
    progress();
    // Everything settled: no timer left and every command submitted.
    if (clock.pending === 0 && workload.submitted() === config.commands) break;
  }
  await parts.ground().stop();
  trace.write({ type: "end", at: clock.now() });
  const verdict = await check.finish();
  const violation = verdict.violation;
  const wallMs = performance.now() - started;

  const senders = parts.lives.flatMap((life) => life.senders);
  const summary: ScenarioSummary = {
    seed: config.seed,
    commands: config.commands,
    submitted: workload.submitted(),
    spacecraft,
    contacts: contactsName(config),
    senders: config.senders ?? 1,
    crashes,
    start,
    end: clock.now(),
    windows: verdict.outcomes.windows,
    statuses: await parts.repository.countByStatus(),
    failureReasons: verdict.outcomes.failureReasons,
    cancels: verdict.outcomes.cancels,
    approvals: verdict.outcomes.approvals,
    holds: verdict.outcomes.holds,
    sender: sumSenderStats(senders.map((s) => s.stats())),
    downlink: sumDownlinkStats(parts.lives.map((life) => life.processor.stats())),
    link: parts.link.stats(),
    spacecraftStats: parts.spacecraft.stats(),
    events: clock.eventsRun,
    traceRecords: verdict.records,
    traceHash: verdict.hash,
    invariants: { ok: violation === null, violation, checked: Object.keys(INVARIANTS) as InvariantName[] },
    wallMs,
    commandsPerSecond: wallMs > 0 ? config.commands / (wallMs / 1000) : 0,
    workloadErrors: workload.errors(),
    inhibitChanges: inhibitChanges.length,
    inhibitedAtSubmission: workload.inhibited(),
    queueChanges: queueChanges.length,
    queueClosedAtSubmission: workload.queueClosed(),
    recovers: parts.operator.recovers(),
    refusedAtSubmission: workload.refused(),
  };
  return { summary, trace: memory ? memory.records : null, violation };
}
