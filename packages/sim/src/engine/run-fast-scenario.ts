import { Lifecycle, resolveDownlinkOptions, resolveSenderOptions, SeededRandom } from "@uplink/core";
import { resolveDownlinkBehaviour } from "../downlink/unreliable-downlink.js";
import { INVARIANTS, type InvariantName } from "../invariants/invariants.js";
import type { ScenarioResult } from "../scenario/run-scenario.js";
import {
  DEFAULT_DRAIN_MS,
  type ScenarioConfig,
  scenarioTimeouts,
  validateScenario,
} from "../scenario/scenario-config.js";
import {
  contactsName,
  defaultStart,
  openScenarioTrace,
  resolvePlan,
  writeTraceHead,
} from "../scenario/scenario-setup.js";
import type { ScenarioSummary } from "../scenario/scenario-summary.js";
import { resolveSpacecraftOptions } from "../spacecraft/spacecraft-options.js";
import type { TraceRecord } from "../trace/trace-record.js";
import { FastEngine } from "./fast-engine.js";
import { LifecycleTable } from "./lifecycle-table.js";
import { RecordTraceOut } from "./trace-out.js";

const HOUR = 3_600_000;

/**
 * {@link runScenario} on the {@link FastEngine}: the same setup, trace sinks, run loop (in
 * steps of `progressEveryMs`, stopping at the first step after which nothing is pending) and
 * summary as the services engine, so both give the same result but for the wall time.
 * The caller has checked that the fast engine mirrors the config (see `fastEngineRefusal`).
 */
export async function runFastScenario(config: ScenarioConfig): Promise<ScenarioResult> {
  const { durationMs, workload } = validateScenario(config);
  const spacecraft = config.spacecraft ?? ["sc-1"];
  const plan = resolvePlan(config);
  const start = config.start ?? defaultStart(plan, spacecraft[0] as string);
  const horizon = start + durationMs + (config.drainMs ?? DEFAULT_DRAIN_MS);
  const timeouts = scenarioTimeouts(config);
  const lifecycle = config.lifecycle ?? new Lifecycle();
  const { sink: trace, hasher, checker, counter, memory } = openScenarioTrace(config);

  // The builder's forks, in its order, then the workload's.
  const root = new SeededRandom(config.seed);
  const service = root.fork();
  const senderRandom = root.fork();
  const spacecraftRandom = root.fork();
  const link = root.fork();
  const sender = resolveSenderOptions({ owner: "sim-sender", ...config.sender }, senderRandom);
  const processor = resolveDownlinkOptions({ ...config.downlinkProcessor });
  const engine = new FastEngine({
    start,
    durationMs,
    commands: config.commands,
    spacecraft,
    plan,
    table: new LifecycleTable(lifecycle),
    timeouts,
    sender,
    spacecraftOptions: resolveSpacecraftOptions({ ...config.spacecraftBehaviour, spacecraftIds: spacecraft }),
    link: resolveDownlinkBehaviour(config.downlink),
    gapTimeoutMs: processor.gapTimeoutMs,
    maxBuffered: processor.maxBuffered,
    workload,
    // Every record is written as soon as it is made: when nothing keeps them, one per type is refilled.
    out: (ids) =>
      new RecordTraceOut(ids, trace, config.keepTrace === false && config.traceSink === undefined),
    random: { service, sender: senderRandom, spacecraft: spacecraftRandom, link, workload: root.fork() },
  });
  const head = { write: (record: TraceRecord) => engine.out.record(record) };
  writeTraceHead(head, config, {
    start,
    horizon,
    plan,
    lifecycleId: lifecycle.definition.id,
    timeouts,
    spacecraft,
  });

  const started = performance.now();
  engine.start();
  const step = config.progressEveryMs ?? HOUR;
  while (engine.now < horizon) {
    engine.runUntil(Math.min(engine.now + step, horizon));
    config.onProgress?.({
      now: engine.now,
      start,
      end: horizon,
      submitted: engine.submitted,
      commands: config.commands,
      events: engine.eventsRun,
    });
    if (engine.pendingTimers === 0 && engine.submitted === config.commands) break;
  }
  engine.stop();
  engine.out.record({ type: "end", at: engine.now });
  const violation = checker.finish();
  const wallMs = performance.now() - started;

  const s = engine.sender.counts;
  const d = engine.streams.counters;
  const summary: ScenarioSummary = {
    seed: config.seed,
    commands: config.commands,
    submitted: engine.submitted,
    spacecraft,
    contacts: contactsName(config),
    start,
    end: engine.now,
    windows: counter.windows,
    statuses: engine.countByStatus(),
    failureReasons: counter.failureReasons,
    cancels: { ...counter.cancels },
    sender: {
      rounds: s.rounds,
      claims: s.claims,
      transmitted: s.transmitted,
      released: s.released,
      expired: s.expired,
      lostRaces: s.lostRaces,
      linkErrors: 0,
      timeouts: s.timeouts,
      errors: 0,
      pending: engine.sender.pending,
      inFlight: 0,
    },
    downlink: {
      received: d.received,
      accepted: d.accepted,
      applied: d.applied,
      duplicates: d.duplicates,
      conflicts: d.conflicts,
      late: d.late,
      unknownCommand: 0,
      unknownType: 0,
      telemetry: 0,
      errors: 0,
      gaps: d.gaps,
      buffered: engine.streams.buffered,
    },
    link: { ...engine.link.linkCounts },
    spacecraftStats: { ...engine.link.spacecraftCounts },
    events: engine.eventsRun,
    traceRecords: hasher.records,
    traceHash: hasher.digest(),
    invariants: { ok: violation === null, violation, checked: Object.keys(INVARIANTS) as InvariantName[] },
    wallMs,
    commandsPerSecond: wallMs > 0 ? config.commands / (wallMs / 1000) : 0,
    workloadErrors: 0,
  };
  return { summary, trace: memory ? memory.records : null, violation };
}
