import { availableParallelism } from "node:os";
import type { CommandSenderOptions, ContactPlan, Timeouts } from "@uplink/core";
import { checkOnThisThread } from "../checking/check-on-this-thread.js";
import { checkOnWorker } from "../checking/check-on-worker.js";
import type { TraceCheck } from "../checking/trace-verdict.js";
import { TlePassContactPlan } from "../passes/tle-pass-contact-plan.js";
import { contactPlanFromSpec } from "../passes/tle-resolver.js";
import type { TraceSink } from "../trace/trace-record.js";
import { fanOut, MemoryTrace } from "../trace/trace-sinks.js";
import {
  DEFAULT_CONTACTS,
  DEFAULT_START,
  type ScenarioConfig,
  WORKER_CHECK_MIN_COMMANDS,
} from "./scenario-config.js";

const HOUR = 3_600_000;

/** Where a run's trace goes: hashed, checked, counted, and kept or streamed as asked. */
export interface ScenarioTrace {
  readonly sink: TraceSink;
  readonly check: TraceCheck;
  readonly memory: MemoryTrace | null;
}

/** The sinks a run writes its trace to. */
export function openScenarioTrace(config: ScenarioConfig): ScenarioTrace {
  const options = {
    ...(config.lifecycle ? { lifecycle: config.lifecycle } : {}),
    expectedCommands: config.commands,
  };
  const onWorker =
    (config.checkOn ?? defaultCheckOn(config.commands)) === "worker" ? checkOnWorker : checkOnThisThread;
  const check = onWorker(options);
  const memory = config.keepTrace === false ? null : new MemoryTrace();
  const sinks: TraceSink[] = [check.sink];
  if (memory) sinks.push(memory);
  if (config.traceSink) sinks.push(config.traceSink);
  return { sink: fanOut(sinks), check, memory };
}

function defaultCheckOn(commands: number): "worker" | "thread" {
  return commands >= WORKER_CHECK_MIN_COMMANDS && availableParallelism() >= 2 ? "worker" : "thread";
}

/** The header and the plan's windows over the run: the trace's first records. */
export function writeTraceHead(
  trace: TraceSink,
  config: ScenarioConfig,
  run: {
    readonly start: number;
    readonly horizon: number;
    readonly plan: ContactPlan;
    readonly lifecycleId: string;
    readonly timeouts: Timeouts;
    readonly spacecraft: readonly string[];
    /** The senders' options that bound how long a queued command may wait. */
    readonly sender: Pick<CommandSenderOptions, "transmitDelayMaxMs" | "leaseMs">;
  },
): void {
  const { start, horizon, plan, timeouts } = run;
  trace.write({
    type: "header",
    seed: config.seed,
    start,
    lifecycle: run.lifecycleId,
    acceptanceTimeoutMs: timeouts.acceptanceMs,
    executionTimeoutMs: timeouts.executionMs,
    transmitDelayMaxMs: run.sender.transmitDelayMaxMs,
    leaseMs: run.sender.leaseMs,
  });
  for (const id of run.spacecraft) {
    for (const w of plan.windowsBetween(id, start, horizon)) {
      trace.write({
        type: "window",
        spacecraftId: id,
        start: w.start,
        end: w.end,
        station: w.station ?? null,
      });
    }
  }
}

/** The contact plan a config asks for. */
export function resolvePlan(config: ScenarioConfig): ContactPlan {
  const contacts = config.contacts ?? DEFAULT_CONTACTS;
  if (typeof contacts !== "string") return contacts;
  return contactPlanFromSpec(contacts, config.stations === undefined ? {} : { stations: config.stations });
}

/** A TLE plan starts at the hour of its element set's epoch (SGP4 is accurate near it); others at 2030-01-01. */
export function defaultStart(plan: ContactPlan, spacecraftId: string): number {
  if (plan instanceof TlePassContactPlan) {
    const epoch = plan.satelliteFor(spacecraftId).epoch;
    return epoch - (epoch % HOUR);
  }
  return DEFAULT_START;
}

/** The contact plan's name in a summary: its text, or its class. */
export function contactsName(config: ScenarioConfig): string {
  return typeof config.contacts === "string"
    ? config.contacts
    : (config.contacts?.constructor.name ?? DEFAULT_CONTACTS);
}
